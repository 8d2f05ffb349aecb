package io.catalyst.billing.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.billing.contract.BillingApi;
import io.catalyst.billing.contract.BillingApi.Item;
import io.catalyst.billing.contract.BillingApi.PlanChange;
import io.catalyst.billing.contract.BillingApi.QuoteRequest;
import io.catalyst.billing.contract.BillingApi.Usage;
import io.catalyst.billing.support.BillingIntegrationTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.DeserializationFeature;

/**
 * {@code POST /api/v1/billing/quotes} as provisioning calls it: the contract's request written by the application's
 * mapper, the answer read back into the contract's {@code Quote} strictly (an unknown field fails).
 */
class QuoteIT extends BillingIntegrationTest {

  BillingApi.Quote quote(String token, QuoteRequest request) throws Exception {
    String body = mvc.perform(json(as(post(BillingApi.QUOTES), token), jsonMapper.writeValueAsString(request)))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return jsonMapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(body, BillingApi.Quote.class);
  }

  @Test
  void provisioningQuotesTheSeedPersonasPharmacyBundleUnderPlanS() throws Exception {
    long outbox = count("catalyst_outbox");
    var quote = quote(service(), new QuoteRequest("muscat-pharmacy", "muscat-pharmacy-prod", "s",
        "bp-bundle-pharmacy", List.of(new Item("erpnext", "bp-erpnext", "15.0.0"),
            new Item("shop", "bp-woocommerce", "9.0.0"), new Item("db", "bp-postgres", "16.0.0")),
        new Usage(1, 0, 0, 0), null));
    assertThat(quote.pricingAvailable()).isTrue();
    assertThat(quote.currency()).isEqualTo("OMR");
    assertThat(quote.monthlyChangeMinor()).isEqualTo(12_000);
    assertThat(quote.paymentRequired()).isTrue();
    assertThat(quote.withinLimits()).isTrue();
    assertThat(quote.plan()).isEqualTo("s");
    assertThat(quote.limits()).isEqualTo(new BillingApi.Limits(2, null, 2000, 4096, 25));
    assertThat(quote.lines()).extracting(BillingApi.Line::kind).containsExactly("bundle", "application",
        "application", "application");
    assertThat(count("catalyst_outbox")).as("a quote has no side effects").isEqualTo(outbox);
  }

  @Test
  void aMemberQuotesAPlanChangeProratedToTheDayOfTheSovereignsCalendar() throws Exception {
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Muscat")));
    var quote = quote(member("ahmed", "muscat-pharmacy", "org-admin"), new QuoteRequest("muscat-pharmacy", null,
        null, null, null, new Usage(1, 3, 1000, 2048), new PlanChange("s", "l", today)));
    var p = quote.proration();
    assertThat(p.changeOn()).isEqualTo(today);
    assertThat(p.periodStart()).isEqualTo(today);
    assertThat(p.daysLeft()).isEqualTo(p.daysInPeriod());
    assertThat(p.creditMinor()).isEqualTo(5_000);
    assertThat(p.chargeMinor()).isEqualTo(16_000);
    assertThat(p.dueNowMinor()).isEqualTo(11_000);
    assertThat(quote.monthlyChangeMinor()).isEqualTo(11_000);
    assertThat(quote.plan()).isEqualTo("l");
  }

  @Test
  void anotherOrganizationIsNotFoundAndNoTokenIsUnauthorized() throws Exception {
    String request = jsonMapper.writeValueAsString(new QuoteRequest("acme", null, null, null, List.of(), null, null));
    mvc.perform(json(as(post(BillingApi.QUOTES), member("layla", "other-org")), request))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("Organization acme does not exist."));
    mvc.perform(json(post(BillingApi.QUOTES), request)).andExpect(status().isUnauthorized());
  }

  @Test
  void badInputIsAProblemSayingWhatToFix() throws Exception {
    mvc.perform(json(as(post(BillingApi.QUOTES), service()), """
            {"organization": "acme", "plan": "gold", "bundle": "pharmacy",
             "items": [{"application": "x", "blueprint": "WordPress"}],
             "usage": {"environments": -1, "applications": 0, "cpuMillis": 0, "memoryMb": 0},
             "planChange": {"fromPlan": "s", "toPlan": "s", "periodStart": "2999-01-01"}}"""))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[?(@.field=='plan')].message").value(
            org.hamcrest.Matchers.hasItem("must be one of s, m, l, xl, flexi")))
        .andExpect(jsonPath("$.errors[?(@.field=='bundle')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field=='items[0].blueprint')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field=='usage')].message").value("counts must not be negative"))
        .andExpect(jsonPath("$.errors[?(@.field=='planChange.toPlan')].message").value("must differ from fromPlan"))
        .andExpect(jsonPath("$.errors[?(@.field=='planChange.periodStart')]").exists());
    mvc.perform(json(as(post(BillingApi.QUOTES), service()), "{\"organization\": \"Not An Org\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("organization"));
  }

  long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
