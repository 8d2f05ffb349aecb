package io.catalyst.billing.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.billing.contract.BillingEvents;
import io.catalyst.billing.support.BillingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.DeserializationFeature;

/** Vouchers end to end over HTTP: issue, list with usage, preview, redeem into credit, revoke, and their events. */
class VoucherIT extends BillingIntegrationTest {

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  void issue(String body, int expectedStatus) throws Exception {
    mvc.perform(json(as(post("/api/v1/billing/vouchers"), sovereignAdmin()), body))
        .andExpect(status().is(expectedStatus));
  }

  String issueJson(String code, long credit, String extra) {
    return "{\"code\": \"%s\", \"creditMinor\": %d, \"description\": \"Welcome\"%s}".formatted(code, credit,
        extra == null ? "" : ", " + extra);
  }

  <T> T outbox(String type, String subject, Class<T> contract) {
    String data = jdbc.sql("select data from catalyst_outbox where type = :type and subject = :subject"
            + " order by position desc limit 1")
        .param("type", type).param("subject", subject).query(String.class).single();
    return jsonMapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(data, contract);
  }

  long events(String type, String subject) {
    return jdbc.sql("select count(*) from catalyst_outbox where type = :type and subject = :subject")
        .param("type", type).param("subject", subject).query(Long.class).single();
  }

  @Test
  void theSovereignAdminIssuesAVoucherAndAnOrgAdminRedeemsItOnceIntoCredit() throws Exception {
    String code = unique("welcome").toUpperCase();
    String org = unique("pharmacy");
    mvc.perform(json(as(post("/api/v1/billing/vouchers"), sovereignAdmin()),
            issueJson(code.toLowerCase(), 10_000, "\"maxRedemptions\": 100")))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/billing/vouchers/" + code))
        .andExpect(jsonPath("$.code").value(code))
        .andExpect(jsonPath("$.currency").value("OMR"))
        .andExpect(jsonPath("$.state").value("ACCEPTING"));
    var issued = outbox(BillingEvents.VOUCHER_ISSUED, "voucher/" + code, BillingEvents.VoucherIssued.class);
    assertThat(issued).isEqualTo(new BillingEvents.VoucherIssued(code, 10_000, "OMR", "Welcome", true, 100, null,
        null, "sov"));

    // the landing page, signed out, with the code as typed
    mvc.perform(json(post("/api/v1/billing/vouchers/redeem-preview"), "{\"code\": \" " + code.toLowerCase() + "\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.creditMinor").value(10_000))
        .andExpect(jsonPath("$.acceptingRedemptions").value(true))
        .andExpect(jsonPath("$.timesRedeemed").doesNotExist())
        .andExpect(jsonPath("$.maxRedemptions").doesNotExist());

    String admin = member("ahmed", org, "org-admin");
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/redemptions"), admin),
            "{\"code\": \"" + code + "\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.creditMinor").value(10_000))
        .andExpect(jsonPath("$.balanceMinor").value(10_000));
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/redemptions"), admin),
            "{\"code\": \"" + code + "\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("once per Organization")));

    var redeemed = outbox(BillingEvents.VOUCHER_REDEEMED, "voucher/" + code, BillingEvents.VoucherRedeemed.class);
    assertThat(redeemed.organization()).isEqualTo(org);
    assertThat(redeemed.creditMinor()).isEqualTo(10_000);
    var entry = outbox(BillingEvents.CREDIT_ENTRY_ADDED, "credit-entry/" + redeemed.creditEntry(),
        BillingEvents.CreditEntryAdded.class);
    assertThat(entry).isEqualTo(new BillingEvents.CreditEntryAdded(redeemed.creditEntry(), org, 10_000, "OMR",
        "voucher:" + code, code, null, 10_000));

    mvc.perform(as(get("/api/v1/billing/organizations/" + org + "/credit"), member("sara", org, "billing-admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.balanceMinor").value(10_000))
        .andExpect(jsonPath("$.entries[0].reason").value("voucher:" + code))
        .andExpect(jsonPath("$.total").value(1));
    mvc.perform(as(get("/api/v1/billing/vouchers"), sovereignAdmin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[?(@.code=='" + code + "')].timesRedeemed").value(1));
  }

  @Test
  void reIssuingTheSameVoucherIsANoOpAndChangingItPublishesAgain() throws Exception {
    String code = unique("SAME").toUpperCase();
    issue(issueJson(code, 5_000, null), 201);
    issue(issueJson(code, 5_000, null), 200);
    assertThat(events(BillingEvents.VOUCHER_ISSUED, "voucher/" + code)).isEqualTo(1);
    issue(issueJson(code, 7_000, null), 200);
    assertThat(events(BillingEvents.VOUCHER_ISSUED, "voucher/" + code)).isEqualTo(2);
  }

  @Test
  void badVouchersAreProblemsNamingTheField() throws Exception {
    mvc.perform(json(as(post("/api/v1/billing/vouchers"), sovereignAdmin()), """
            {"code": "x", "creditMinor": 0, "currency": "BHD", "maxRedemptions": -1,
             "validFrom": "2027-01-02T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z"}"""))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("code", "creditMinor",
            "currency", "maxRedemptions", "validUntil")))
        .andExpect(jsonPath("$.errors[?(@.field=='currency')].message").value(
            "this Sovereign bills in OMR; leave it out or send OMR"));
    mvc.perform(json(as(post("/api/v1/billing/vouchers"), sovereignAdmin()), issueJson("NEGATIVE", -5, null)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("creditMinor"));
    mvc.perform(json(as(post("/api/v1/billing/vouchers"), member("ahmed", "acme", "org-admin")),
            issueJson("MINE", 5, null)))
        .andExpect(status().isForbidden());
    mvc.perform(as(get("/api/v1/billing/vouchers"), member("ahmed", "acme", "org-admin")))
        .andExpect(status().isForbidden());
  }

  @Test
  void previewAnswers404ForUnknownAndRevokedAnd410ForInactiveCappedAndOutsideTheWindow() throws Exception {
    mvc.perform(json(post("/api/v1/billing/vouchers/redeem-preview"), "{\"code\": \"NO-SUCH-CODE\"}"))
        .andExpect(status().isNotFound());
    Instant now = clock.instant();
    String inactive = unique("OFF").toUpperCase();
    issue(issueJson(inactive, 1_000, "\"active\": false"), 201);
    expectGone(inactive, "INACTIVE");
    String later = unique("LATER").toUpperCase();
    issue(issueJson(later, 1_000, "\"validFrom\": \"" + now.plus(Duration.ofDays(1)) + "\""), 201);
    expectGone(later, "NOT_YET_VALID");
    String expiring = unique("SOON").toUpperCase();
    issue(issueJson(expiring, 1_000, "\"validUntil\": \"" + now.plus(Duration.ofMinutes(5)) + "\""), 201);
    mvc.perform(json(post("/api/v1/billing/vouchers/redeem-preview"), "{\"code\": \"" + expiring + "\"}"))
        .andExpect(status().isOk());
    clock.advance(Duration.ofMinutes(6));
    expectGone(expiring, "EXPIRED");
    String single = unique("ONCE").toUpperCase();
    issue(issueJson(single, 1_000, "\"maxRedemptions\": 1"), 201);
    String org = unique("first");
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + org + "/redemptions"),
            member("a", org, "org-admin")), "{\"code\": \"" + single + "\"}"))
        .andExpect(status().isCreated());
    expectGone(single, "CAPPED");
    String other = unique("second");
    mvc.perform(json(as(post("/api/v1/billing/organizations/" + other + "/redemptions"),
            member("b", other, "billing-admin")), "{\"code\": \"" + single + "\"}"))
        .andExpect(status().isGone())
        .andExpect(jsonPath("$.reason").value("CAPPED"));

    mvc.perform(as(delete("/api/v1/billing/vouchers/" + single.toLowerCase()), sovereignAdmin()))
        .andExpect(status().isNoContent());
    mvc.perform(as(delete("/api/v1/billing/vouchers/" + single), sovereignAdmin())).andExpect(status().isNotFound());
    mvc.perform(json(post("/api/v1/billing/vouchers/redeem-preview"), "{\"code\": \"" + single + "\"}"))
        .andExpect(status().isNotFound());
    assertThat(outbox(BillingEvents.VOUCHER_REVOKED, "voucher/" + single, BillingEvents.VoucherRevoked.class))
        .isEqualTo(new BillingEvents.VoucherRevoked(single, "sov"));
    mvc.perform(as(get("/api/v1/billing/vouchers?revoked=true&size=100"), sovereignAdmin()))
        .andExpect(jsonPath("$.items[?(@.code=='" + single + "')].state").value("REVOKED"))
        .andExpect(jsonPath("$.items[?(@.code=='" + single + "')].timesRedeemed").value(1));
    mvc.perform(as(get("/api/v1/billing/vouchers?size=100"), sovereignAdmin()))
        .andExpect(jsonPath("$.items[?(@.code=='" + single + "')]").isEmpty());

    // re-issuing a revoked code resurrects it without resetting its count: still capped
    issue(issueJson(single, 1_000, "\"maxRedemptions\": 1"), 201);
    expectGone(single, "CAPPED");
  }

  void expectGone(String code, String reason) throws Exception {
    mvc.perform(json(post("/api/v1/billing/vouchers/redeem-preview"), "{\"code\": \"" + code + "\"}"))
        .andExpect(status().isGone())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.reason").value(reason))
        .andExpect(jsonPath("$.voucher.code").value(code))
        .andExpect(jsonPath("$.voucher.acceptingRedemptions").value(false));
  }

  @Test
  void anotherOrganizationsCreditAndRedemptionsAreNotFoundAndADeveloperMayNotRedeem() throws Exception {
    String code = unique("GUARD").toUpperCase();
    issue(issueJson(code, 1_000, null), 201);
    mvc.perform(json(as(post("/api/v1/billing/organizations/acme/redemptions"), member("x", "evil", "org-admin")),
            "{\"code\": \"" + code + "\"}"))
        .andExpect(status().isNotFound());
    mvc.perform(as(get("/api/v1/billing/organizations/acme/credit"), member("x", "evil", "org-admin")))
        .andExpect(status().isNotFound());
    mvc.perform(json(as(post("/api/v1/billing/organizations/acme/redemptions"), member("d", "acme")),
            "{\"code\": \"" + code + "\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(json(as(post("/api/v1/billing/organizations/acme/redemptions"), member("a", "acme", "org-admin")),
            "{\"code\": \"NOPE-404\"}"))
        .andExpect(status().isNotFound());
    mvc.perform(as(get("/api/v1/billing/organizations/acme/credit?size=0"), member("a", "acme", "org-admin")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("size"));
  }

  @Test
  void theLedgerIsAppendOnly() {
    String org = unique("ledger");
    jdbc.sql("insert into credit_entry (organization, currency, amount_minor, reason, actor, created_at)"
        + " values (:org, 'OMR', 500, 'test', 'sov', now())").param("org", org).update();
    assertThatThrownBy(() -> jdbc.sql("update credit_entry set amount_minor = 1 where organization = :org")
        .param("org", org).update()).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("delete from credit_entry where organization = :org").param("org", org)
        .update()).hasMessageContaining("append-only");
    assertThat(jdbc.sql("select sum(amount_minor) from credit_entry where organization = :org").param("org", org)
        .query(Long.class).single()).isEqualTo(500);
  }
}
