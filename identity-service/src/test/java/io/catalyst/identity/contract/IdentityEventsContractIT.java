package io.catalyst.identity.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.identity.support.IdentityIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;

/**
 * The identity events other services consume, as identity's real code paths write them to the outbox, read back
 * strictly (a field the contract record does not have fails) into the records of {@code contracts/identity}:
 * provisioning-service creates {@code {org}-prod} and {@code {org}/shared-blueprints} from
 * {@code organization.created.v1}.
 */
class IdentityEventsContractIT extends IdentityIntegrationTest {

  @Test
  void organizationCreatedIsTheContractRecord() throws Exception {
    var signedUp = signUpByEmail("owner@contract-bakery.example", "Frankincense-Route-2026!", "contract-bakery");

    String data = jdbc.sql("select data::text from catalyst_outbox where type = :type and subject = :subject")
        .param("type", IdentityEvents.PREFIX + IdentityEvents.ORGANIZATION_CREATED)
        .param("subject", "organizations/contract-bakery").query(String.class).single();
    IdentityEvents.OrganizationCreated created = json.rebuild()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(data, IdentityEvents.OrganizationCreated.class);

    assertThat(created.organization()).isEqualTo("contract-bakery");
    assertThat(created.displayName()).isEqualTo("Business of contract-bakery");
    assertThat(created.createdBy()).isEqualTo(signedUp.get("userId").asString());
    assertThat(created.style()).isNotBlank();
  }
}
