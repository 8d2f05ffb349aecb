package io.catalyst.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** values.schema.json (and the templates' guards) refuse what would break a Sovereign, at install time. */
class ValuesSchemaTest {

  private static final String SCHEMA = "values don't meet the specifications of the schema";

  /** helm template refuses the production-like values with these --set pairs, by the schema. */
  private static void refused(Map<String, Object> sets, String... messageParts) {
    assertThatThrownBy(() -> Charts.template(List.of(Charts.PRODUCTION_VALUES), sets))
        .as("%s", sets).hasMessageContaining(SCHEMA).hasMessageContainingAll(messageParts);
  }

  /** ... by a template's own guard (`fail`). */
  private static void refusedByTemplate(Map<String, Object> sets, String... messageParts) {
    assertThatThrownBy(() -> Charts.template(List.of(Charts.PRODUCTION_VALUES), sets))
        .as("%s", sets).hasMessageNotContaining(SCHEMA).hasMessageContainingAll(messageParts);
  }

  @Test
  void provisioningRunsAtMostOneReplica() {
    refused(Map.of("provisioning-service.replicaCount", 2), "/provisioning-service/replicaCount", "maximum");
  }

  @Test
  void provisioningCannotAutoscale() {
    refused(Map.of("provisioning-service.autoscaling.enabled", true), "provisioning-service", "autoscaling");
  }

  @Test
  void aServiceWithAPersistentVolumeIsRefusedMoreThanOneReplicaByTheTemplate() {
    // The schema caps provisioning-service; the template's own guard covers any single-writer workload.
    refusedByTemplate(Map.of("catalog-service.persistence.enabled", true, "catalog-service.replicaCount", 3),
        "catalog-service: replicaCount is 3", "single writer");
  }

  @Test
  void kafkaBootstrapServersAreRequired() {
    refused(Map.of("global.kafka.bootstrapServers", ""), "bootstrapServers");
    // --set key=null removes the key: the schema's `required` catches it.
    refused(Map.of("global.kafka.bootstrapServers", "null"), "bootstrapServers");
  }

  @Test
  void kafkaSaslNeedsASecret() {
    refused(Map.of("global.kafka.sasl.existingSecret", ""), "existingSecret");
  }

  @Test
  void aSecretValueCannotBePutInPlaceOfASecretReference() {
    refused(Map.of("global.serviceSecret.value", "s3cret"), "serviceSecret", "value");
    refused(Map.of("audit-service.database.password", "s3cret"), "audit-service", "database");
  }

  @Test
  void sovereignSettingsAreChecked() {
    refused(Map.of("global.sovereign.name", "Not A Slug"), "name");
    refused(Map.of("global.sovereign.currency", "rial"), "currency");
    refused(Map.of("global.sovereign.style", "fancy"), "style");
    refused(Map.of("global.oidc.issuerUrl", "catalyst.example"), "issuerUrl");
  }

  @Test
  void theProductionValuesThemselvesPass() {
    assertThat(Charts.templateProduction()).contains("kind: StatefulSet");
  }
}
