package io.catalyst.audit.chain;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.audit.support.AuditIntegrationTest;
import io.catalyst.audit.support.MeshEvents.Actor;
import io.catalyst.audit.support.MeshEvents.Event;
import io.catalyst.identity.contract.FederationEvents;
import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.platform.events.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verify recomputes a chain from the database: an intact chain verifies; a row altered by the owner login (trigger
 * disabled, as an attacker with that login would) is named; a deleted row is named as missing.
 */
class VerifyIT extends AuditIntegrationTest {

  @org.springframework.beans.factory.annotation.Autowired io.catalyst.audit.record.AuditRecords records;

  @Test
  void anIntactChainVerifies() throws Exception {
    configured("verify-ok", "ahmed", 3);
    mvc.perform(get("/api/v1/audit/verify").header("Authorization", token("khalid", "verify-ok", "security-officer")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.organization", is("verify-ok")))
        .andExpect(jsonPath("$.valid", is(true)))
        .andExpect(jsonPath("$.checked", is(3)))
        .andExpect(jsonPath("$.firstSequence", is(1)))
        .andExpect(jsonPath("$.lastSequence", is(3)))
        .andExpect(jsonPath("$.firstBroken", nullValue()))
        .andExpect(jsonPath("$.missingCount", is(0)));
  }

  @Test
  void aRowAlteredInTheDatabaseIsNamed() throws Exception {
    List<String> ids = configured("verify-tamper", "ahmed", 4);
    tamper("update audit_record set actor = 'mallory' where event_id = '" + ids.get(1) + "'");

    mvc.perform(post("/api/v1/audit/verify").param("organization", "verify-tamper")
            .header("Authorization", token("ahmed", "verify-tamper", "org-admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid", is(false)))
        .andExpect(jsonPath("$.checked", is(4)))
        .andExpect(jsonPath("$.firstBroken.sequence", is(2)))
        .andExpect(jsonPath("$.firstBroken.eventId", is(ids.get(1))))
        .andExpect(jsonPath("$.firstBroken.reason", is(
            "Record 2 does not match its hash: a field was altered after it was stored.")))
        .andExpect(jsonPath("$.missingCount", is(0)));
  }

  @Test
  void aRowRewrittenWithAFreshHashBreaksTheNextLink() throws Exception {
    List<String> ids = configured("verify-rehash", "ahmed", 3);
    // An attacker who knows the serialisation recomputes the altered row's hash; record 3 still names the old one.
    var original = records.find(ids.get(1)).orElseThrow();
    var altered = new io.catalyst.audit.record.AuditRecord(0, original.eventId(), original.chain(),
        original.sequence(), original.previousHash(), null, original.organization(), original.environment(),
        original.application(), original.actorKind(), "mallory", original.actorRoles(), original.surface(),
        original.action(), original.resource(), original.source(), original.outcome(), original.correlationId(),
        original.traceId(), original.occurredAt(), original.ingestedAt(), original.changes(), original.event());
    tamper("update audit_record set actor = 'mallory', hash = '" + ChainHash.hash(altered) + "' where event_id = '"
        + ids.get(1) + "'");
    mvc.perform(get("/api/v1/audit/verify").param("from", "2000-01-01T00:00:00Z")
            .header("Authorization", token("khalid", "verify-rehash", "security-officer")))
        .andExpect(jsonPath("$.valid", is(false)))
        .andExpect(jsonPath("$.firstBroken.sequence", is(3)))
        .andExpect(jsonPath("$.firstBroken.reason", is("Record 3 names a predecessor hash that is not record 2's: "
            + "the chain was rewritten.")));
  }

  @Test
  void deletedRowsAreNamedAsMissingInTheMiddleAndAtTheHead() throws Exception {
    List<String> ids = configured("verify-delete", "ahmed", 5);
    tamper("delete from audit_record where event_id in ('" + ids.get(1) + "', '" + ids.get(4) + "')");

    mvc.perform(get("/api/v1/audit/verify").header("Authorization", token("khalid", "verify-delete",
            "security-officer")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid", is(false)))
        .andExpect(jsonPath("$.checked", is(3)))
        .andExpect(jsonPath("$.missing", contains(2, 5)))
        .andExpect(jsonPath("$.missingCount", is(2)))
        .andExpect(jsonPath("$.firstBroken", nullValue()));
  }

  @Test
  void onlyAdminsAndSecurityOfficersOfTheOrganizationOrTheSovereignAdminVerify() throws Exception {
    configured("verify-scope", "ahmed", 1);
    mvc.perform(get("/api/v1/audit/verify").param("organization", "verify-scope")
            .header("Authorization", token("eve", "verify-other", "security-officer")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType("application/problem+json"));
    mvc.perform(get("/api/v1/audit/verify").header("Authorization", token("dev", "verify-scope", "org-developer")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/audit/verify").param("organization", "verify-scope")
            .header("Authorization", token("root", null, "sovereign-admin")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.valid", is(true)));
    mvc.perform(get("/api/v1/audit/verify").param("from", "yesterday")
            .header("Authorization", token("khalid", "verify-scope", "security-officer")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType("application/problem+json"))
        .andExpect(jsonPath("$.errors[0].field", is("from")));
  }

  @Test
  void sovereignLevelEventsHaveTheirOwnVerifiableChain() throws Exception {
    String id = events.send(new Event(Topics.IDENTITY, IdentityEvents.PREFIX + FederationEvents.PROVIDER_REMOVED,
        "federation-providers/p9", null, null, Actor.user("root", "sovereign-admin", "api"),
        new FederationEvents.ProviderRemoved("p9", "https://idp.example")));
    awaitStored(id);
    mvc.perform(get("/api/v1/audit/verify").param("organization", "_sovereign")
            .header("Authorization", token("root", null, "sovereign-admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.organization", is("_sovereign")))
        .andExpect(jsonPath("$.valid", is(true)));
  }
}
