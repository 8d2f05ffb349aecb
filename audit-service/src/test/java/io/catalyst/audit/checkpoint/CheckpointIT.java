package io.catalyst.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.audit.record.AuditRecords;
import io.catalyst.audit.support.AuditIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Signed checkpoints: a chain head signed with Ed25519 on demand, checkable with the public keys anyone can fetch; a
 * record altered after its checkpoint no longer matches it; a rotated key leaves old checkpoints verifiable.
 */
class CheckpointIT extends AuditIntegrationTest {

  @Autowired AuditRecords records;

  @Test
  void aCheckpointSignsTheHeadAndVerifiesWithThePublishedKey() throws Exception {
    List<String> ids = configured("cp-acme", "ahmed", 3);
    String khalid = token("khalid", "cp-acme", "security-officer");
    JsonNode checkpoint = json.readTree(mvc.perform(post("/api/v1/audit/checkpoints").header("Authorization", khalid))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.chain", is("cp-acme")))
        .andExpect(jsonPath("$.sequence", is(3)))
        .andExpect(jsonPath("$.hash", is(records.find(ids.get(2)).orElseThrow().hash())))
        .andReturn().getResponse().getContentAsString());

    JsonNode keys = json.readTree(mvc.perform(get("/api/v1/audit/checkpoints/keys"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).path("keys");
    JsonNode key = keys.get(keys.size() - 1);
    assertThat(key.path("kid").asString()).isEqualTo(checkpoint.path("keyId").asString());
    assertThat(key.path("algorithm").asString()).isEqualTo("Ed25519");
    String statement = String.join("\n", "catalyst-audit-checkpoint-v1", "cp-acme", "3",
        checkpoint.path("hash").asString(), checkpoint.path("signedAt").asString());
    assertThat(SigningKeys.verify(key.path("publicKey").asString(), statement,
        checkpoint.path("signature").asString())).isTrue();
    assertThat(SigningKeys.verify(key.path("publicKey").asString(), statement.replace("\n3\n", "\n4\n"),
        checkpoint.path("signature").asString())).isFalse();

    mvc.perform(get("/api/v1/audit/checkpoints").header("Authorization", khalid))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].sequence", is(3)))
        .andExpect(jsonPath("$[0].recordMatches", is(true)))
        .andExpect(jsonPath("$[0].signatureValid", is(true)));
  }

  @Test
  void aRecordRewrittenAfterItsCheckpointNoLongerMatchesIt() throws Exception {
    List<String> ids = configured("cp-tamper", "ahmed", 2);
    String khalid = token("khalid", "cp-tamper", "security-officer");
    mvc.perform(post("/api/v1/audit/checkpoints").header("Authorization", khalid)).andExpect(status().isCreated());
    tamper("update audit_record set hash = repeat('0', 64) where event_id = '" + ids.get(1) + "'");
    mvc.perform(get("/api/v1/audit/checkpoints").header("Authorization", khalid))
        .andExpect(jsonPath("$[0].recordMatches", is(false)))
        .andExpect(jsonPath("$[0].signatureValid", is(true)));
  }

  @Test
  void aRotatedKeyLeavesOldCheckpointsVerifiable() throws Exception {
    configured("cp-rotate", "ahmed", 1);
    String admin = token("ahmed", "cp-rotate", "org-admin");
    mvc.perform(post("/api/v1/audit/checkpoints").header("Authorization", admin)).andExpect(status().isCreated());
    mvc.perform(post("/api/v1/audit/checkpoints/keys/rotate").header("Authorization", admin))
        .andExpect(status().isForbidden());
    String kid = json.readTree(mvc.perform(post("/api/v1/audit/checkpoints/keys/rotate")
            .header("Authorization", token("root", null, "sovereign-admin")))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).path("kid").asString();
    configured("cp-rotate", "ahmed", 1);
    mvc.perform(post("/api/v1/audit/checkpoints").header("Authorization", admin))
        .andExpect(status().isCreated()).andExpect(jsonPath("$.keyId", is(kid)));
    mvc.perform(get("/api/v1/audit/checkpoints").header("Authorization", admin))
        .andExpect(jsonPath("$[0].keyId", is(kid)))
        .andExpect(jsonPath("$[0].signatureValid", is(true)))
        .andExpect(jsonPath("$[1].signatureValid", is(true)));
  }

  @Test
  void anotherOrganizationIsNotFoundAndAnEmptyChainIsAConflict() throws Exception {
    mvc.perform(post("/api/v1/audit/checkpoints").param("organization", "cp-acme")
            .header("Authorization", token("eve", "cp-elsewhere", "security-officer")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType("application/problem+json"));
    mvc.perform(post("/api/v1/audit/checkpoints").header("Authorization", token("k", "cp-empty", "org-admin")))
        .andExpect(status().isConflict())
        .andExpect(content().contentType("application/problem+json"));
  }
}
