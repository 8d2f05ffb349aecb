package io.catalyst.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.audit.offline.OfflineVerifier;
import io.catalyst.audit.support.AuditIntegrationTest;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * The export streams an Organization's chain as JSON Lines of CloudEvents (or CEF); the offline verifier checks such a
 * file without the service, and names a record altered in the database or deleted from it.
 */
class ExportIT extends AuditIntegrationTest {

  @Test
  void anExportIsCloudEventsPerLineAndVerifiesOffline() throws Exception {
    List<String> ids = configured("export-ok", "ahmed", 3);
    String body = export("export-ok", "jsonl", token("khalid", "export-ok", "security-officer"));

    List<String> lines = body.lines().toList();
    assertThat(lines).hasSize(3);
    JsonNode second = json.readTree(lines.get(1));
    assertThat(second.path("specversion").asString()).isEqualTo("1.0");
    assertThat(second.path("id").asString()).isEqualTo(ids.get(1));
    assertThat(second.path("type").asString()).isEqualTo("io.catalyst.provisioning.application.configured.v1");
    assertThat(second.path("actor").asString()).isEqualTo("ahmed");
    assertThat(second.path("data").path("sha").asString()).isEqualTo("s2");
    assertThat(second.path("audithash").asString()).hasSize(64);

    OfflineVerifier.Result result = OfflineVerifier.verify(new BufferedReader(new StringReader(body)));
    assertThat(result.valid()).isTrue();
    assertThat(result.lines()).isEqualTo(3);
    assertThat(result.firstSequence()).containsEntry("export-ok", 1L);
    assertThat(result.lastSequence()).containsEntry("export-ok", 3L);
  }

  @Test
  void theOfflineVerifierNamesARecordAlteredInTheDatabaseAndADeletedOne() throws Exception {
    List<String> ids = configured("export-tamper", "ahmed", 4);
    tamper("update audit_record set event = replace(event, '\"s2\"', '\"evil\"') where event_id = '" + ids.get(1) + "'");
    tamper("delete from audit_record where event_id = '" + ids.get(2) + "'");

    String body = export("export-tamper", "jsonl", token("ahmed", "export-tamper", "org-admin"));
    OfflineVerifier.Result result = OfflineVerifier.verify(new BufferedReader(new StringReader(body)));
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBroken()).isEqualTo("line 2, chain export-tamper record 2 (event " + ids.get(1)
        + ") does not match its hash: it was altered");
    assertThat(result.missing()).containsExactly("chain export-tamper record 3");
  }

  @Test
  void aLineEditedInTheFileIsNamed() throws Exception {
    configured("export-file", "ahmed", 2);
    String body = export("export-file", "jsonl", token("khalid", "export-file", "security-officer"));
    String edited = body.replaceFirst("\"actor\":\"ahmed\"", "\"actor\":\"mallory\"");
    OfflineVerifier.Result result = OfflineVerifier.verify(new BufferedReader(new StringReader(edited)));
    assertThat(result.firstBroken()).startsWith("line 1, chain export-file record 1").endsWith("it was altered");
  }

  @Test
  void cefHasOneLinePerRecord() throws Exception {
    List<String> ids = configured("export-cef", "ahmed", 2);
    String body = export("export-cef", "cef", token("khalid", "export-cef", "security-officer"));
    List<String> lines = body.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.getFirst()).startsWith(
            "CEF:0|Catalyst|audit-service|1|io.catalyst.provisioning.application.configured.v1|"
                + "io.catalyst.provisioning.application.configured.v1|3|")
        .contains("externalId=" + ids.getFirst()).contains("suser=ahmed").contains("cs1=export-cef")
        .contains("cn1=1");
  }

  @Test
  void anotherOrganizationsExportIsNotFoundAndABadFormatIsAProblem() throws Exception {
    configured("export-scope", "ahmed", 1);
    mvc.perform(get("/api/v1/audit/export").param("organization", "export-scope")
            .header("Authorization", token("eve", "export-elsewhere", "security-officer")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType("application/problem+json"));
    mvc.perform(get("/api/v1/audit/export").param("format", "xml")
            .header("Authorization", token("khalid", "export-scope", "security-officer")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field", is("format")));
  }

  private String export(String org, String format, String token) throws Exception {
    MvcResult started = mvc.perform(get("/api/v1/audit/export").param("organization", org).param("format", format)
            .header("Authorization", token))
        .andExpect(request().asyncStarted()).andReturn();
    return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
