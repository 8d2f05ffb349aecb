package io.catalyst.billing.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.billing.contract.BillingEvents;
import io.catalyst.billing.support.BillingIntegrationTest;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;

/** Checkout end to end: a voucher's credit pays the order, a failed checkout gives the voucher back. */
class CheckoutIT extends BillingIntegrationTest {

  String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  void voucher(String code, long credit, int cap) throws Exception {
    mvc.perform(json(as(post("/api/v1/billing/vouchers"), sovereignAdmin()),
            "{\"code\": \"%s\", \"creditMinor\": %d, \"maxRedemptions\": %d}".formatted(code, credit, cap)))
        .andExpect(status().isCreated());
  }

  long balance(String org) {
    return jdbc.sql("select coalesce(sum(amount_minor), 0) from credit_entry where organization = :o")
        .param("o", org).query(Long.class).single();
  }

  String pharmacyOrder(String voucher) {
    return """
        {"plan": "m", "environment": "ENV", "installPlan": "plan-1", "bundle": "bp-bundle-pharmacy",
         "items": [{"application": "erpnext", "blueprint": "bp-erpnext", "version": "15.0.0"}],
         "voucher": %s}""".formatted(voucher == null ? "null" : "\"" + voucher + "\"");
  }

  @Test
  void anOrderTheVoucherCoversCompletesAtOnceAndAnnouncesItself() throws Exception {
    String org = unique("pharmacy");
    String code = unique("LAUNCH").toUpperCase();
    voucher(code, 30_000, 1);
    String admin = member("ahmed", org, "org-admin");
    String body = pharmacyOrder(code.toLowerCase()).replace("ENV", org + "-prod");
    String answer = mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), admin), body)
            .header("Idempotency-Key", "k-1"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.status").value("completed"))
        .andExpect(jsonPath("$.amountMinor").value(21_000))
        .andReturn().getResponse().getContentAsString();
    String id = jsonMapper.readTree(answer).get("id").asString();
    assertThat(balance(org)).isEqualTo(30_000 - 21_000);

    String data = jdbc.sql("select data from catalyst_outbox where type = :t and subject = :s")
        .param("t", BillingEvents.ORDER_COMPLETED).param("s", "order/" + id).query(String.class).single();
    var completed = jsonMapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(data, BillingEvents.OrderCompleted.class);
    assertThat(completed).isEqualTo(new BillingEvents.OrderCompleted(org, id, "plan-1", org + "-prod", 21_000,
        "OMR"));

    // a retry with the same key answers the first order and changes nothing
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), admin), body)
            .header("Idempotency-Key", "k-1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(id));
    assertThat(balance(org)).isEqualTo(9_000);
    mvc.perform(as(get("/api/v1/billing/organizations/" + org + "/orders"), admin))
        .andExpect(jsonPath("$.total").value(1));
  }

  @Test
  void anOrderTheCreditDoesNotCoverFailsAndTheVoucherIsNotUsedUp() throws Exception {
    String org = unique("small");
    String code = unique("TOOSMALL").toUpperCase();
    voucher(code, 5_000, 1);
    String admin = member("ahmed", org, "billing-admin");
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), admin),
            pharmacyOrder(code).replace("ENV", org + "-prod")))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("does not cover the order's total")))
        .andExpect(jsonPath("$.failedAt").value("spend the total from the credit"))
        .andExpect(jsonPath("$.compensated").value(Matchers.contains(
            "reverse the redemption and take its credit back", "mark the order failed with the reason")))
        .andExpect(jsonPath("$.order").exists());
    assertThat(balance(org)).isZero();
    assertThat(jdbc.sql("select times_redeemed from voucher where code = :c").param("c", code)
        .query(Integer.class).single()).isZero();
    mvc.perform(json(post("/api/v1/billing/vouchers/redeem-preview"), "{\"code\": \"" + code + "\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.acceptingRedemptions").value(true));
    mvc.perform(as(get("/api/v1/billing/organizations/" + org + "/orders"), admin))
        .andExpect(jsonPath("$.items[0].status").value("failed"))
        .andExpect(jsonPath("$.items[0].failure").value(Matchers.containsString("does not cover")));
    // the ledger keeps the grant and its reversal
    mvc.perform(as(get("/api/v1/billing/organizations/" + org + "/credit"), admin))
        .andExpect(jsonPath("$.balanceMinor").value(0))
        .andExpect(jsonPath("$.entries[*].amountMinor").value(Matchers.contains(-5_000, 5_000)));
  }

  @Test
  void aRefusedVoucherFailsTheOrderAndAFreeFlexiOrderNeedsNoCredit() throws Exception {
    String org = unique("flexi");
    String admin = member("a", org, "org-admin");
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), admin),
            "{\"plan\": \"flexi\", \"voucher\": \"NO-SUCH-VOUCHER\"}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.failedAt").value("redeem the voucher into credit"))
        .andExpect(jsonPath("$.compensated").value(Matchers.contains("mark the order failed with the reason")));
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), admin), "{\"plan\": \"flexi\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.amountMinor").value(0))
        .andExpect(jsonPath("$.status").value("completed"));
  }

  @Test
  void badCheckoutsAreProblemsAndOtherOrganizationsAreNotFound() throws Exception {
    String org = unique("bad");
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), member("a", org, "org-admin")),
            "{\"plan\": \"gold\", \"installPlan\": \"p\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("plan", "environment")));
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), member("a", "evil", "org-admin")),
            "{\"plan\": \"s\"}"))
        .andExpect(status().isNotFound());
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), member("d", org)),
            "{\"plan\": \"s\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/orders"), member("a", org, "org-admin")),
            """
            {"plan": "s", "environment": "e", "installPlan": "p",
             "items": [{"application": "a", "blueprint": "bp-dify"}, {"application": "b", "blueprint": "bp-dify"},
                       {"application": "c", "blueprint": "bp-dify"}]}"""))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.limitProblems[0]").value(Matchers.startsWith("CPU (millicores): 3000 needed")));
  }
}
