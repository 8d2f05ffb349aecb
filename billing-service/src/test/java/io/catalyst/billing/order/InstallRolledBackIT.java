package io.catalyst.billing.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.billing.contract.BillingEvents;
import io.catalyst.billing.support.BillingIntegrationTest;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.InstallEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;

/**
 * provisioning's {@code install.rolled-back.v1}, built from its contract record and sent the way provisioning sends
 * it (the outbox and its relay, on provisioning's topic), makes billing refund the paid order once.
 */
class InstallRolledBackIT extends BillingIntegrationTest {

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;

  long balance(String org) {
    return jdbc.sql("select coalesce(sum(amount_minor), 0) from credit_entry where organization = :o")
        .param("o", org).query(Long.class).single();
  }

  UUID rolledBack(String org, String env, String install) {
    return tx.execute(s -> outbox.publishAs("provisioning", Topics.PROVISIONING, new CatalystEvent(
        ProvisioningEvents.INSTALL_ROLLED_BACK, "installs/" + install, org, env, "ahmed",
        new InstallEvents.RolledBack(org, env, install, List.of("erpnext"), "create repository erpnext",
            "the Git host refused the push", List.of(), "ahmed"))));
  }

  @Test
  void aPaidInstallRolledBackIsRefundedToCreditOnceWithAReadableReason() throws Exception {
    String org = "refund-" + UUID.randomUUID().toString().substring(0, 8);
    String env = org + "-prod";
    String install = UUID.randomUUID().toString();
    String code = "REFUND-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    mvc.perform(json(as(post("/api/v1/billing/vouchers"), sovereignAdmin()),
        "{\"code\": \"" + code + "\", \"creditMinor\": 25000}")).andExpect(status().isCreated());
    String admin = member("ahmed", org, "org-admin");
    String answer = mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), admin), """
            {"plan": "s", "environment": "%s", "installPlan": "%s", "bundle": "bp-bundle-pharmacy",
             "items": [{"application": "erpnext", "blueprint": "bp-erpnext"}], "voucher": "%s"}"""
            .formatted(env, install, code)))
        .andExpect(status().isCreated())
        .andReturn().getResponse().getContentAsString();
    String order = jsonMapper.readTree(answer).get("id").asString();
    assertThat(balance(org)).isEqualTo(25_000 - 17_000);

    rolledBack(org, env, install);
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/billing/organizations/" + org + "/orders/" + order), admin))
            .andExpect(jsonPath("$.status").value("refunded"))
            .andExpect(jsonPath("$.failure").value(Matchers.containsString("the Git host refused the push"))));
    assertThat(balance(org)).isEqualTo(25_000);
    String data = jdbc.sql("select data from catalyst_outbox where type = :t and subject = :s")
        .param("t", BillingEvents.ORDER_REFUNDED).param("s", "order/" + order).query(String.class).single();
    var refunded = jsonMapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(data, BillingEvents.OrderRefunded.class);
    assertThat(refunded.amountMinor()).isEqualTo(17_000);
    assertThat(refunded.installPlan()).isEqualTo(install);
    assertThat(refunded.reason()).startsWith("The install could not be completed (create repository erpnext)");

    // the same rollback reported again (a new event id) refunds nothing more
    UUID again = rolledBack(org, env, install);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(again));
    assertThat(balance(org)).isEqualTo(25_000);
  }

  boolean processed(UUID event) {
    return jdbc.sql("select count(*) from catalyst_processed_event where event_id = :id")
        .param("id", event.toString()).query(Long.class).single() > 0;
  }
}
