package io.catalyst.audit.export;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.catalyst.audit.chain.Verification;
import io.catalyst.audit.chain.Verifier;
import io.catalyst.audit.support.AuditIntegrationTest;
import io.catalyst.audit.support.MeshEvents;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A benchmark, not a test: nothing is asserted about time. Run it on its own
 * ({@code ./mvnw -o -pl audit-service -am verify -Dit.test=AuditBenchmark -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dcatalyst.audit.benchmark.events=N}, default 5,000): sends N
 * events of one Organization to Kafka as fast as the producer goes, and measures sustained ingest with chaining, the
 * lag from the event's time to its audit row (p50/p99), verify and a JSON Lines export of the chain. Prints the numbers
 * and writes them to {@code target/benchmark.txt}.
 */
class AuditBenchmark extends AuditIntegrationTest {

  @Autowired Verifier verifier;

  @Test
  void measure() throws Exception {
    int n = Integer.getInteger("catalyst.audit.benchmark.events", 5_000);
    String org = "bench-" + System.nanoTime();
    MeshEvents.Actor actor = MeshEvents.Actor.user("ahmed", "org-admin", "api");
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      events.sendLater(new MeshEvents.Event(Topics.PROVISIONING, ProvisioningEvents.APPLICATION_CONFIGURED,
          "applications/" + org + "/shop", org, org + "-prod", actor,
          new ApplicationEvents.Configured(org, org + "-prod", "shop", "main", "s" + (i + 1), "s" + i, "ahmed")));
    }
    events.flush();
    long sent = System.nanoTime();
    Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(() ->
        jdbc.sql("select count(*) from audit_record where chain = :c").param("c", org).query(Long.class).single() >= n);
    long stored = System.nanoTime();
    List<Long> lags = jdbc.sql("""
        select (extract(epoch from ingested_at - occurred_at) * 1000)::bigint from audit_record where chain = :c
        order by 1""").param("c", org).query(Long.class).list();

    long v0 = System.nanoTime();
    Verification verification = verifier.verify(org, null, null);
    long v1 = System.nanoTime();

    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    long e0 = System.nanoTime();
    MvcResult started = mvc.perform(get("/api/v1/audit/export").param("organization", org)
        .header("Authorization", token("khalid", org, "security-officer"))).andReturn();
    long bytes = mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsByteArray().length;
    long e1 = System.nanoTime();

    String report = String.format("""
        audit benchmark, %d events of one Organization (2 shared cores)
        send (producer, unacknowledged → flushed): %d ms
        ingest with chaining: %d ms from first send to last row = %.0f events/s
        lag event time → audit row: p50 %d ms, p99 %d ms, max %d ms
        verify %d records: %d ms (valid=%s)
        export JSON Lines %d records, %d bytes (MockMvc buffers the body): %d ms; heap before %d MiB
        """, n, ms(sent - start), ms(stored - start), n / ((stored - start) / 1e9), pct(lags, 50), pct(lags, 99),
        lags.getLast(), verification.checked(), ms(v1 - v0), verification.valid(), n, bytes, ms(e1 - e0),
        heapBefore >> 20);
    System.out.println(report);
    Files.writeString(Path.of("target", "benchmark.txt"), report);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
