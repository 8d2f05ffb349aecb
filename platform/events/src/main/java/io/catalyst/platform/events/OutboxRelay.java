package io.catalyst.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ships committed outbox rows to Kafka in commit order per record key (the Organization). Rows are read by
 * {@code commit_seq}, a number the table gives each row just before its transaction commits, under a lock per key
 * held until the commit is visible (migration {@code V0_2}): a row of one key is never visible before a row of the
 * same key with a lower number, so nothing of a key can be overtaken. The relay marks exactly the rows it sent, so a
 * row that commits after a round's select is shipped by the next round, never marked unsent. One relay of a service
 * works at a time (a PostgreSQL advisory lock), so the order holds with several replicas. A failed send stops the
 * round at that row (later rows wait, order is kept), backs off, and retries; a restart resumes from the table.
 * Delivery is at least once: consumers dedupe on the event id.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final long LOCK_KEY = 0x0CA7A1757L;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final KafkaTemplate<String, byte[]> kafka;
  private final EventsProperties.Relay settings;
  private final Clock clock;
  private final Object signal = new Object();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean woken;
  private Thread worker;
  private int consecutiveFailures;

  public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<String, byte[]> kafka,
      EventsProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.kafka = kafka;
    this.settings = properties.relay();
    this.clock = clock;
  }

  /** Asks the relay to look now (called after a commit that wrote events). */
  public void wakeUp() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /**
   * One round: ships up to a batch of pending events in order and returns how many were shipped. Public so tests
   * and operators can drive it; normally the relay's own thread calls it.
   */
  public int publishPending() {
    Round round = tx.execute(status -> {
      Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", LOCK_KEY)
          .query(Boolean.class).single();
      if (!Boolean.TRUE.equals(locked)) {
        return new Round(0, null); // another replica is shipping
      }
      List<Pending> batch = jdbc.sql("""
          select position, event_id, topic, record_key, type, source, subject, occurred_at, organization,
                 environment, actor, traceparent, data, actor_kind, actor_roles, surface, correlation_id
          from catalyst_outbox where published_at is null and commit_seq is not null
          order by commit_seq limit :limit""")
          .param("limit", settings.batchSize())
          .query(Pending.class).list();
      if (batch.isEmpty()) {
        return new Round(0, null);
      }
      List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
      String error = null;
      for (Pending p : batch) {
        try {
          sends.add(kafka.send(p.toRecord()));
        } catch (RuntimeException e) {
          // No metadata within max.block.ms: the broker is unreachable. Ship what was handed over, keep the rest.
          error = (e.getCause() != null ? e.getCause() : e).toString();
          break;
        }
      }
      if (!sends.isEmpty()) {
        kafka.flush();
      }
      int ok = 0;
      for (CompletableFuture<?> send : sends) {
        try {
          send.get(30, TimeUnit.SECONDS);
          ok++;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          error = "interrupted";
          break;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          error = (e.getCause() != null ? e.getCause() : e).toString();
          break;
        }
      }
      if (ok > 0) {
        // Exactly the rows sent: a row of another key that committed after the select is shipped next round.
        jdbc.sql("update catalyst_outbox set published_at = :now where position in (:sent)")
            .param("now", Timestamp.from(clock.instant()))
            .param("sent", batch.subList(0, ok).stream().map(Pending::position).toList())
            .update();
      }
      if (error != null && ok < batch.size()) {
        jdbc.sql("update catalyst_outbox set attempts = attempts + 1, last_error = :error where position = :position")
            .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
            .param("position", batch.get(ok).position())
            .update();
      }
      return new Round(ok, error); // commit: the shipped prefix is marked, the failure counted
    });
    if (round == null) {
      return 0;
    }
    if (round.error() != null) {
      throw new RelayFailure(round.shipped(), round.error());
    }
    return round.shipped();
  }

  private record Round(int shipped, String error) {}

  /** Deletes events shipped longer ago than the retention. */
  public int purgeShipped() {
    return jdbc.sql("delete from catalyst_outbox where published_at < :before")
        .param("before", Timestamp.from(clock.instant().minus(settings.retention())))
        .update();
  }

  private void loop() {
    long lastPurge = 0;
    while (running.get()) {
      Duration pause = settings.interval();
      try {
        int shipped = publishPending();
        consecutiveFailures = 0;
        if (shipped == settings.batchSize()) {
          continue; // more are waiting
        }
        if (System.currentTimeMillis() - lastPurge > 3_600_000) {
          purgeShipped();
          lastPurge = System.currentTimeMillis();
        }
      } catch (RelayFailure e) {
        consecutiveFailures++;
        pause = backoff();
        log.warn("Outbox relay shipped {} event(s), then failed ({}); retrying in {} ms",
            e.shipped, e.getMessage(), pause.toMillis());
      } catch (RuntimeException e) {
        consecutiveFailures++;
        pause = backoff();
        log.warn("Outbox relay round failed; retrying in {} ms", pause.toMillis(), e);
      }
      synchronized (signal) {
        if (!woken && running.get()) {
          try {
            signal.wait(Math.max(1, pause.toMillis()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        woken = false;
      }
    }
  }

  private Duration backoff() {
    long millis = settings.interval().toMillis() * (1L << Math.min(consecutiveFailures, 10));
    return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
  }

  @Override
  public void start() {
    if (settings.enabled() && running.compareAndSet(false, true)) {
      worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }
  }

  @Override
  public void stop() {
    if (running.compareAndSet(true, false)) {
      wakeUp();
      try {
        worker.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000; // start last, stop first
  }

  static final class RelayFailure extends RuntimeException {
    final int shipped;

    RelayFailure(int shipped, String message) {
      super(message);
      this.shipped = shipped;
    }
  }

  record Pending(long position, java.util.UUID eventId, String topic, String recordKey, String type, String source,
      String subject, Timestamp occurredAt, String organization, String environment, String actor,
      String traceparent, String data, String actorKind, String actorRoles, String surface, String correlationId) {

    ProducerRecord<String, byte[]> toRecord() {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(topic, recordKey, data.getBytes(StandardCharsets.UTF_8));
      header(record, CloudEventHeaders.SPECVERSION, "1.0");
      header(record, CloudEventHeaders.ID, eventId.toString());
      header(record, CloudEventHeaders.SOURCE, source);
      header(record, CloudEventHeaders.TYPE, type);
      header(record, CloudEventHeaders.SUBJECT, subject);
      header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(occurredAt.toInstant()));
      header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
      header(record, CloudEventHeaders.ORGANIZATION, organization);
      header(record, CloudEventHeaders.ENVIRONMENT, environment);
      header(record, CloudEventHeaders.ACTOR, actor);
      header(record, CloudEventHeaders.ACTOR_KIND, actorKind);
      header(record, CloudEventHeaders.ACTOR_ROLES, actorRoles);
      header(record, CloudEventHeaders.SURFACE, surface);
      header(record, CloudEventHeaders.CORRELATION_ID, correlationId);
      header(record, CloudEventHeaders.TRACEPARENT, traceparent);
      header(record, CloudEventHeaders.W3C_TRACEPARENT, traceparent);
      return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
      if (value != null) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

}
