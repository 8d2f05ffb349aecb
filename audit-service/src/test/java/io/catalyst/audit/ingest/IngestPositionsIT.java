package io.catalyst.audit.ingest;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.audit.support.AuditIntegrationTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The ingest position per topic, read from the real broker: caught up once the events are audited. */
class IngestPositionsIT extends AuditIntegrationTest {

  @Test
  void theSovereignAdminSeesPositionsAndLagPerTopic() throws Exception {
    configured("ingest-lag", "ahmed", 2);
    String root = token("root", null, "sovereign-admin");
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(get("/api/v1/audit/ingest").header("Authorization", root))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.consumer", is("audit-ingest")))
            .andExpect(jsonPath("$.topics[*].topic", hasItem("catalyst.provisioning.v1")))
            .andExpect(jsonPath("$.topics[?(@.topic == 'catalyst.provisioning.v1')].lag", hasItem(0)))
            .andExpect(jsonPath("$.lastIngestedAt", notNullValue())));
    mvc.perform(get("/api/v1/audit/ingest").header("Authorization", token("khalid", "ingest-lag", "security-officer")))
        .andExpect(status().isForbidden());
  }
}
