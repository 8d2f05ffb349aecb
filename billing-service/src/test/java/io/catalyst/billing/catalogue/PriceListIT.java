package io.catalyst.billing.catalogue;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.billing.support.BillingIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** The public price list: the upstream catalogue seeded by Flyway, in the Sovereign's currency, without a token. */
class PriceListIT extends BillingIntegrationTest {

  @Test
  void anAnonymousVisitorReadsPlansAddOnsAndBlueprintPrices() throws Exception {
    mvc.perform(get("/api/v1/billing/prices"))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", Matchers.containsString("max-age=300")))
        .andExpect(jsonPath("$.currency").value("OMR"))
        .andExpect(jsonPath("$.decimals").value(3))
        .andExpect(jsonPath("$.plans[*].slug").value(Matchers.contains("s", "m", "l", "xl", "flexi")))
        .andExpect(jsonPath("$.plans[0].monthly.amountMinor").value(5000))
        .andExpect(jsonPath("$.plans[0].monthly.display").value("OMR 5.000"))
        .andExpect(jsonPath("$.plans[0].limits.cpuMillis").value(2000))
        .andExpect(jsonPath("$.plans[0].limits.memoryMb").value(4096))
        .andExpect(jsonPath("$.plans[0].limits.maxEnvironments").value(2))
        .andExpect(jsonPath("$.plans[1].popular").value(true))
        .andExpect(jsonPath("$.plans[3].monthly.amountMinor").value(30000))
        .andExpect(jsonPath("$.plans[4].monthly.amountMinor").value(0))
        .andExpect(jsonPath("$.plans[4].usageUnit.amountMinor").value(2000))
        .andExpect(jsonPath("$.plans[4].limits.cpuMillis").doesNotExist())
        .andExpect(jsonPath("$.addOns.length()").value(9))
        .andExpect(jsonPath("$.addOns[?(@.slug=='daily-backup')].monthly.amountMinor").value(3000))
        .andExpect(jsonPath("$.addOns[?(@.slug=='waf')].included").value(true))
        .andExpect(jsonPath("$.blueprints[?(@.blueprint=='bp-bundle-pharmacy')].monthly.amountMinor").value(12000))
        .andExpect(jsonPath("$.blueprints[?(@.blueprint=='bp-bundle-pharmacy')].kind").value("bundle"))
        .andExpect(jsonPath("$.blueprints[?(@.blueprint=='bp-wordpress')].memoryMb").value(256));
  }

  @Test
  void thePriceListIsPublicInTheOpenApiDocument() throws Exception {
    mvc.perform(get("/api/v1/billing/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/billing/prices'].get.security").isEmpty());
  }
}
