package io.catalyst.provisioning.billing;

import java.util.List;

/**
 * billing-service's quote and plan limits for an install. billing-service comes in a later issue; until then
 * {@link #UNAVAILABLE} answers that pricing is unavailable and no limit applies (the plan says so), and the billing
 * issue replaces the bean with a Feign client (paid bundles will then install only after checkout).
 */
public interface BillingClient {

  /** What an install would cost and whether the Organization's plan allows it. */
  record Quote(boolean pricingAvailable, String currency, Long monthlyChangeMinor, boolean withinLimits,
      List<String> limitProblems, String note) {

    public static Quote unavailable() {
      return new Quote(false, null, null, true, List.of(),
          "Pricing unavailable: billing-service is not deployed yet, so no price is shown and no plan limit applies.");
    }
  }

  /** One Application the install would add. */
  record Item(String application, String blueprint, String version) {}

  Quote quote(String organization, String environment, List<Item> items);

  BillingClient UNAVAILABLE = (organization, environment, items) -> Quote.unavailable();
}
