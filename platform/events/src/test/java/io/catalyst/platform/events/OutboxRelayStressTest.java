package io.catalyst.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many producers commit events concurrently, with random pauses between taking their event's place in the outbox
 * and committing, while several relays compete to ship them. Every committed event must reach Kafka exactly once,
 * none of a rolled-back transaction may, and per key the events must arrive in commit order.
 *
 * <p>The commit order per key is made observable by a counter row per key: each producer increments it after
 * writing its event and holds the row lock until it commits, so the counter values of one key are its commit order.
 * The size is bounded for CI; {@code -Dcatalyst.stress.events=20000} runs a larger one. The numbers (events/s, the
 * relay's lag from commit to broker) are printed.
 */
class OutboxRelayStressTest extends EventsTestBase {

  static final String STRESS_TOPIC = "catalyst.stress.v1";

  @Autowired Outbox outbox;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired KafkaTemplate<String, byte[]> catalystKafkaTemplate;
  @Autowired EventsProperties properties;
  @Autowired Clock clock;

  record Tick(String run, int index) {}

  @Test
  void everyCommittedEventReachesKafkaOnceAndInCommitOrderPerKey() throws Exception {
    int events = Integer.getInteger("catalyst.stress.events", 1500);
    int producers = Integer.getInteger("catalyst.stress.producers", 12);
    int keys = 16;
    String run = "run-" + UUID.randomUUID();
    TransactionTemplate tx = new TransactionTemplate(transactions);

    List<OutboxRelay> extraRelays = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      OutboxRelay relay = new OutboxRelay(jdbc, tx, catalystKafkaTemplate, properties, clock);
      relay.start();
      extraRelays.add(relay);
    }
    Map<String, Long> committedAt = new ConcurrentHashMap<>();
    AtomicInteger rolledBack = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    try {
      for (int p = 0; p < producers; p++) {
        pool.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
            String key = "org-" + random.nextInt(keys);
            boolean rollback = random.nextInt(20) == 0;
            int index = i;
            UUID id;
            try {
              id = tx.execute(status -> {
                UUID eventId = outbox.publishAs("stress", STRESS_TOPIC, CatalystEvent.of(
                    "io.catalyst.stress.tick.v1", "ticks/" + index, key, new Tick(run, index)));
                pause(random.nextInt(3));
                long n = jdbc.sql("""
                    insert into stress_counter (record_key, n) values (:key, 1)
                    on conflict (record_key) do update set n = stress_counter.n + 1 returning n""")
                    .param("key", key).query(Long.class).single();
                jdbc.sql("insert into stress_commit (event_id, run, record_key, n) values (:id, :run, :key, :n)")
                    .param("id", eventId).param("run", run).param("key", key).param("n", n).update();
                pause(random.nextInt(6));
                if (rollback) {
                  status.setRollbackOnly();
                }
                return eventId;
              });
            } catch (RuntimeException e) {
              throw new IllegalStateException("producer " + index + " failed", e);
            }
            if (rollback) {
              rolledBack.incrementAndGet();
            } else {
              committedAt.put(id.toString(), System.currentTimeMillis());
            }
          }
          return null;
        });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("producers finished").isTrue();
    } finally {
      pool.shutdownNow();
    }

    Map<String, long[]> committed = new HashMap<>(); // event id -> {key's commit rank}
    Map<String, String> keyOf = new HashMap<>();
    jdbc.sql("select event_id, record_key, n from stress_commit where run = :run").param("run", run)
        .query((rs, i) -> {
          committed.put(rs.getString(1), new long[] {rs.getLong(3)});
          keyOf.put(rs.getString(1), rs.getString(2));
          return null;
        }).list();
    assertThat(committed).hasSize(events - rolledBack.get());

    List<ConsumerRecord<String, byte[]>> seen = readUntil(STRESS_TOPIC, Duration.ofSeconds(60),
        rs -> rs.stream().filter(r -> ofRun(r, run)).count() >= committed.size());
    extraRelays.forEach(OutboxRelay::stop);
    double seconds = (System.nanoTime() - started) / 1e9;
    List<ConsumerRecord<String, byte[]>> mine = seen.stream().filter(r -> ofRun(r, run)).toList();

    Map<String, Integer> deliveries = new HashMap<>();
    Map<String, List<Long>> ranksPerKey = new HashMap<>();
    List<Long> lags = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : mine) {
      String id = header(r, CloudEventHeaders.ID);
      deliveries.merge(id, 1, Integer::sum);
      long[] rank = committed.get(id);
      assertThat(rank).as("event %s reached Kafka but its transaction rolled back", id).isNotNull();
      assertThat(r.key()).isEqualTo(keyOf.get(id));
      ranksPerKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(rank[0]);
      lags.add(Math.max(0, r.timestamp() - committedAt.getOrDefault(id, r.timestamp())));
    }
    List<String> missing = committed.keySet().stream().filter(id -> !deliveries.containsKey(id)).toList();
    List<String> duplicated = deliveries.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .toList();
    long stillUnsent = jdbc.sql("select count(*) from catalyst_outbox o join stress_commit c on c.event_id = o.event_id"
        + " where c.run = :run and o.published_at is null").param("run", run).query(Long.class).single();
    Map<String, List<Long>> outOfOrder = new HashMap<>();
    ranksPerKey.forEach((key, ranks) -> {
      for (int i = 1; i < ranks.size(); i++) {
        if (ranks.get(i) <= ranks.get(i - 1)) {
          outOfOrder.put(key, ranks);
          break;
        }
      }
    });
    lags.sort(null);
    System.out.printf("Outbox stress: %d events committed (%d rolled back) by %d producers, %d relays; "
            + "%.0f events/s end to end; relay lag p50 %d ms, p99 %d ms, max %d ms%n",
        committed.size(), rolledBack.get(), producers, extraRelays.size() + 1, committed.size() / seconds,
        percentile(lags, 0.50), percentile(lags, 0.99), percentile(lags, 1.0));

    assertThat(missing).as("committed events that never reached Kafka (%d still unsent in the outbox)", stillUnsent)
        .isEmpty();
    assertThat(duplicated).as("events sent more than once").isEmpty();
    assertThat(outOfOrder).as("keys whose events reached Kafka out of commit order").isEmpty();
  }

  private static boolean ofRun(ConsumerRecord<String, byte[]> record, String run) {
    return new String(record.value(), StandardCharsets.UTF_8).contains("\"run\":\"" + run + "\"");
  }

  private static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1 < 0 ? 0
        : Math.ceil(p * sorted.size()) - 1));
  }

  private static void pause(int millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
