package io.catalyst.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.audit.chain.ChainHash;
import io.catalyst.audit.record.AuditRecords;
import io.catalyst.audit.support.AuditIntegrationTest;
import io.catalyst.audit.support.MeshEvents.Actor;
import io.catalyst.audit.support.MeshEvents.Event;
import io.catalyst.identity.contract.FederationEvents;
import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Events of the mesh, published with the producers' contract records and the whole envelope through real Kafka,
 * become chained audit records with who, where, what and the before/after; a redelivery is stored once.
 */
class IngestIT extends AuditIntegrationTest {

  @Autowired AuditRecords records;

  @Test
  void aPushThroughGitIsRecordedWithActorSurfaceCorrelationAndTheShas() throws Exception {
    Actor layla = Actor.user("layla", "org-developer", "git");
    String moved = events.send(new Event(Topics.PROVISIONING, ProvisioningEvents.BRANCH_MOVED,
        "repos/ingest-muscat/shop/branches/develop", "ingest-muscat", "ingest-muscat-dev", layla,
        new BranchMoved("ingest-muscat", "shop", "develop", "ingest-muscat-dev", "a".repeat(40), "b".repeat(40),
            "updated", BranchMoved.VIA_PUSH, "layla", Instant.now())));
    awaitStored(moved);

    Map<String, Object> row = row(moved);
    assertThat(row).containsEntry("chain", "ingest-muscat").containsEntry("organization", "ingest-muscat")
        .containsEntry("environment", "ingest-muscat-dev").containsEntry("application", "shop")
        .containsEntry("actor", "layla").containsEntry("actor_kind", "user")
        .containsEntry("actor_roles", "org-developer").containsEntry("surface", "git")
        .containsEntry("action", ProvisioningEvents.BRANCH_MOVED)
        .containsEntry("resource", "repos/ingest-muscat/shop/branches/develop")
        .containsEntry("outcome", "success").containsEntry("correlation_id", layla.correlationId())
        .containsEntry("sequence", 1L).containsEntry("previous_hash", null);
    assertThat((String) row.get("trace_id")).hasSize(32);
    JsonNode changes = json.readTree((String) row.get("changes"));
    assertThat(changes.path("sha").path("before").asString()).isEqualTo("a".repeat(40));
    assertThat(changes.path("sha").path("after").asString()).isEqualTo("b".repeat(40));
    JsonNode event = json.readTree((String) row.get("event"));
    assertThat(event.path("specversion").asString()).isEqualTo("1.0");
    assertThat(event.path("id").asString()).isEqualTo(moved);
    assertThat(event.path("surface").asString()).isEqualTo("git");
    assertThat(event.path("data").path("newSha").asString()).isEqualTo("b".repeat(40));
    assertThat(row.get("hash")).isEqualTo(ChainHash.hash(records.find(moved).orElseThrow()));
  }

  @Test
  void recordsOfAnOrganizationAreChainedInIngestOrderAndSovereignEventsHaveTheirOwnChain() {
    Actor admin = Actor.user("ahmed", "org-admin", "api");
    String configured = events.send(new Event(Topics.PROVISIONING, ProvisioningEvents.APPLICATION_CONFIGURED,
        "applications/ingest-chain/shop", "ingest-chain", "ingest-chain-prod", admin,
        new ApplicationEvents.Configured("ingest-chain", "ingest-chain-prod", "shop", "main", "c2", "c1", "ahmed")));
    String renamed = events.send(new Event(Topics.IDENTITY, IdentityEvents.PREFIX + IdentityEvents.ORGANIZATION_RENAMED,
        "organizations/ingest-chain", "ingest-chain", null, Actor.user("ahmed", "org-admin", "ui"),
        new IdentityEvents.OrganizationRenamed("ingest-chain", "Chain Pharmacy", "Chain")));
    String provider = events.send(new Event(Topics.IDENTITY, IdentityEvents.PREFIX
        + FederationEvents.PROVIDER_REGISTERED, "federation-providers/p1", null, null,
        Actor.user("root", "sovereign-admin", "api"),
        new FederationEvents.ProviderRegistered("p1", "Bank IdP", "https://idp.example", List.of(), "org-viewer")));
    awaitStored(configured, renamed, provider);

    Map<String, Object> first = row(configured);
    Map<String, Object> second = row(renamed);
    assertThat(first.get("sequence")).isEqualTo(1L);
    assertThat(second).containsEntry("sequence", 2L).containsEntry("previous_hash", first.get("hash"))
        .containsEntry("surface", "ui");
    assertThat(json.readTree((String) second.get("changes")).path("displayName").path("before").asString())
        .isEqualTo("Chain");
    assertThat(json.readTree((String) first.get("changes")).path("sha").path("after").asString()).isEqualTo("c2");
    assertThat(row(provider)).containsEntry("chain", "_sovereign").containsEntry("organization", null);
  }

  @Test
  void aDuplicateDeliveryIsStoredOnce() {
    Event refused = new Event(Topics.PROVISIONING, ProvisioningEvents.GIT_PUSH_REFUSED,
        "repos/ingest-dup/shop", "ingest-dup", "ingest-dup-prod", Actor.user("sara", "org-developer", "git"),
        Map.of("owner", "ingest-dup", "repository", "shop", "branch", "main", "rule", "policy"));
    events.send(refused);
    events.send(refused);
    String after = events.send(new Event(Topics.PROVISIONING, ProvisioningEvents.APPLICATION_PAUSED,
        "applications/ingest-dup/shop", "ingest-dup", "ingest-dup-prod", Actor.user("sara", "org-admin", "api"),
        Map.of("application", "shop", "paused", true)));
    awaitStored(refused.id(), after);

    assertThat(jdbc.sql("select count(*) from audit_record where event_id = :id").param("id", refused.id())
        .query(Long.class).single()).isEqualTo(1);
    assertThat(row(refused.id())).containsEntry("outcome", "failure").containsEntry("sequence", 1L);
    assertThat(row(after)).containsEntry("sequence", 2L);
  }

  @Test
  void consumesEveryTopicOfTheMesh() throws Exception {
    List<String> topics = Arrays.stream(Topics.class.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(IngestIT::value).toList();
    assertThat(AuditIngest.class.getAnnotation(CatalystEventListener.class).topics())
        .containsExactlyInAnyOrderElementsOf(topics);
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
