package io.catalyst.provisioning.application.status;

import io.catalyst.provisioning.contract.RuntimeEvents;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SSE streams of Application status changes per Environment. Every change is a row of
 * {@code application_status_change} (written in the transaction that changed the card, {@link #record}); its id is the
 * SSE event id. A stream gets the changes this replica applied at once (after the commit) and every replica's
 * changes by reading the table every {@code stream-poll} (1 s), so any replica streams everything. A client that
 * reconnects with {@code Last-Event-ID} (or {@code ?lastEventId=}) first gets the changes after that id, from the
 * table (kept {@code stream-retention}, 24 h). A {@code :heartbeat} comment every {@code stream-heartbeat} (15 s).
 * A client that cannot be written to is dropped.
 */
@Component
public class StatusStreams {

  static final int REPLAY_LIMIT = 1000;

  /** One connected client: what it was sent last, so the local push and the table reader never send twice. */
  private static final class Client {
    final SseEmitter emitter;
    long lastSent;

    Client(SseEmitter emitter, long lastSent) {
      this.emitter = emitter;
      this.lastSent = lastSent;
    }
  }

  private record Change(long id, String application, String data) {}

  private final Map<String, Set<Client>> byEnvironment = new ConcurrentHashMap<>();
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final Duration retention;

  public StatusStreams(JdbcClient jdbc, JsonMapper json, Clock clock,
      @Value("${catalyst.provisioning.stream-retention:PT24H}") Duration retention) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * A stream of {@code environment}'s changes (the caller was authorized already); no timeout. Replays the changes
   * after {@code lastEventId} (an id this stream sent, from a reconnecting client; null or junk: none).
   */
  public SseEmitter subscribe(String environment, String lastEventId) {
    SseEmitter emitter = new SseEmitter(0L);
    Long after = parse(lastEventId);
    Client client = new Client(emitter, after != null ? after : latest(environment));
    Set<Client> set = byEnvironment.computeIfAbsent(environment, e -> ConcurrentHashMap.newKeySet());
    Runnable remove = () -> set.remove(client);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    try {
      synchronized (client) {
        emitter.send(SseEmitter.event().comment("connected to " + environment));
        if (after != null) {
          for (Change c : changesAfter(environment, after, REPLAY_LIMIT)) {
            send(client, c);
          }
        }
      }
      set.add(client);
    } catch (IOException | IllegalStateException e) {
      remove.run();
    }
    return emitter;
  }

  /** Records a change in the current transaction; returns its id (the SSE event id). */
  public long record(RuntimeEvents.StatusChanged change) {
    return jdbc.sql("""
        insert into application_status_change (organization, environment, application, data, changed_at)
        values (:org, :env, :app, :data, :at) returning id""")
        .param("org", change.organization()).param("env", change.environment()).param("app", change.application())
        .param("data", json.writeValueAsString(change))
        .param("at", Timestamp.from(change.changedAt() != null ? change.changedAt() : clock.instant()))
        .query(Long.class).single();
  }

  /** Sends a recorded change to this replica's clients of its Environment at once (after the commit). */
  public void publish(long id, RuntimeEvents.StatusChanged change) {
    Set<Client> set = byEnvironment.get(change.environment());
    if (set == null || set.isEmpty()) {
      return;
    }
    Change c = new Change(id, change.application(), json.writeValueAsString(change));
    set.forEach(client -> sendOrDrop(set, client, c));
  }

  /** A change that was not recorded (no id): sent as it is, not replayable. Kept for callers of the first version. */
  public void publish(RuntimeEvents.StatusChanged change) {
    publish(record(change), change);
  }

  /** Every replica: the changes of its streams' Environments that other replicas (or this one) recorded. */
  @Scheduled(fixedDelayString = "${catalyst.provisioning.stream-poll:PT1S}",
      initialDelayString = "${catalyst.provisioning.stream-poll:PT1S}")
  void poll() {
    byEnvironment.forEach((environment, set) -> {
      if (set.isEmpty()) {
        return;
      }
      long from = set.stream().mapToLong(c -> c.lastSent).min().orElse(Long.MAX_VALUE);
      for (Change c : changesAfter(environment, from, 500)) {
        set.forEach(client -> sendOrDrop(set, client, c));
      }
    });
  }

  @Scheduled(fixedDelayString = "${catalyst.provisioning.stream-heartbeat:PT15S}",
      initialDelayString = "${catalyst.provisioning.stream-heartbeat:PT15S}")
  void heartbeat() {
    byEnvironment.values().forEach(set -> set.forEach(client -> {
      try {
        synchronized (client) {
          client.emitter.send(SseEmitter.event().comment("heartbeat"));
        }
      } catch (IOException | IllegalStateException e) {
        set.remove(client);
        client.emitter.completeWithError(e);
      }
    }));
  }

  /** Forgets changes older than {@code stream-retention}. */
  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void prune() {
    jdbc.sql("delete from application_status_change where changed_at < :cutoff")
        .param("cutoff", Timestamp.from(clock.instant().minus(retention))).update();
  }

  /** Ends every stream at shutdown (clients reconnect to another replica, with Last-Event-ID). */
  @jakarta.annotation.PreDestroy
  void closeAll() {
    byEnvironment.values().forEach(set -> set.forEach(c -> c.emitter.complete()));
    byEnvironment.clear();
  }

  /** The card state an Application had before it last became {@code Pending approval}, from the recorded changes. */
  public java.util.Optional<String> stateBeforePendingApproval(String organization, String environment,
      String application) {
    return jdbc.sql("""
        select data::json->>'previousStatus' from application_status_change
        where organization = :o and application = :a and environment = :e
          and data::json->>'status' = 'Pending approval'
        order by id desc limit 1""")
        .param("o", organization).param("a", application).param("e", environment).query(String.class)
        .optional();
  }

  /** Open streams (for tests and metrics). */
  public int open(String environment) {
    Set<Client> set = byEnvironment.get(environment);
    return set == null ? 0 : set.size();
  }

  private void sendOrDrop(Set<Client> set, Client client, Change c) {
    try {
      synchronized (client) {
        send(client, c);
      }
    } catch (IOException | IllegalStateException e) {
      set.remove(client);
      client.emitter.completeWithError(e);
    }
  }

  /** Sends {@code c} unless the client has it already (caller holds the client's lock). */
  private static void send(Client client, Change c) throws IOException {
    if (c.id() <= client.lastSent) {
      return;
    }
    client.emitter.send(SseEmitter.event().name("application-status").id(Long.toString(c.id())).data(c.data()));
    client.lastSent = c.id();
  }

  private List<Change> changesAfter(String environment, long after, int limit) {
    return jdbc.sql("""
        select id, application, data from application_status_change
        where environment = :env and id > :after order by id limit :limit""")
        .param("env", environment).param("after", after).param("limit", limit)
        .query((rs, i) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
  }

  private long latest(String environment) {
    return jdbc.sql("select coalesce(max(id), 0) from application_status_change where environment = :env")
        .param("env", environment).query(Long.class).single();
  }

  private static Long parse(String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(lastEventId.trim());
    } catch (NumberFormatException e) {
      return null; // an id of the first version ({app}@{time}) or junk: no replay
    }
  }

}
