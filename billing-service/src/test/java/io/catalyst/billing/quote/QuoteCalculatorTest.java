package io.catalyst.billing.quote;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.billing.catalogue.BlueprintPrice;
import io.catalyst.billing.catalogue.Plan;
import io.catalyst.billing.catalogue.PlanLimits;
import io.catalyst.billing.contract.BillingApi.Item;
import io.catalyst.billing.contract.BillingApi.PlanChange;
import io.catalyst.billing.contract.BillingApi.QuoteRequest;
import io.catalyst.billing.contract.BillingApi.Usage;
import io.catalyst.billing.money.Money;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pricing and limits of a quote, without Spring (the price list is an object mother here). */
class QuoteCalculatorTest {

  static final Currency OMR = Currency.getInstance("OMR");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 11);

  static Plan plan(String slug, long price, Integer envs, Integer apps, Integer cpu, Integer memory) {
    return new Plan(slug, slug.toUpperCase(), slug, Money.ofMinor(price, OMR), null,
        new PlanLimits(envs, apps, cpu, memory, null), false, List.of());
  }

  static final List<Plan> PLANS = List.of(plan("s", 5_000, 2, 3, 2000, 4096), plan("m", 9_000, 3, null, 4000, 8192),
      plan("flexi", 0, null, null, null, null));

  static BlueprintPrice app(String name, long price, int cpu, int memory) {
    return new BlueprintPrice(name, BlueprintPrice.Kind.application, Money.ofMinor(price, OMR), cpu, memory, null);
  }

  static final Map<String, BlueprintPrice> PRICES = Map.of(
      "bp-wordpress", app("bp-wordpress", 0, 250, 256),
      "bp-erpnext", app("bp-erpnext", 2_500, 1500, 3072),
      "bp-postgres", app("bp-postgres", 0, 200, 256),
      "bp-bundle-pharmacy", new BlueprintPrice("bp-bundle-pharmacy", BlueprintPrice.Kind.bundle,
          Money.ofMinor(12_000, OMR), 0, 0, "m"));

  final QuoteCalculator calculator = new QuoteCalculator(PLANS, PRICES, OMR);

  @Test
  void applicationsCostTheirBlueprintsPriceAndAnUnlistedBlueprintIsFree() {
    var quote = calculator.quote(new QuoteRequest("acme", "acme-prod", "s", null, List.of(
        new Item("erp", "bp-erpnext", "15.0.0"), new Item("blog", "bp-wordpress", "6.7.0"),
        new Item("own", "bp-acme-tool", "1.0.0")), null, null), TODAY);
    assertThat(quote.pricingAvailable()).isTrue();
    assertThat(quote.currency()).isEqualTo("OMR");
    assertThat(quote.monthlyChangeMinor()).isEqualTo(2_500);
    assertThat(quote.paymentRequired()).isTrue();
    assertThat(quote.lines()).extracting(l -> l.application() + "=" + l.monthlyMinor())
        .containsExactly("erp=2500", "blog=0", "own=0");
    assertThat(quote.lines().get(2).description()).isEqualTo("bp-acme-tool is not in the price list: free");
    assertThat(quote.withinLimits()).isTrue();
    assertThat(quote.plan()).isEqualTo("s");
    assertThat(quote.limits().cpuMillis()).isEqualTo(2000);
  }

  @Test
  void aPricedBundleCostsItsPriceOnceAndIncludesItsParts() {
    var quote = calculator.quote(new QuoteRequest("acme", "acme-prod", "m", "bp-bundle-pharmacy", List.of(
        new Item("erp", "bp-erpnext", "15.0.0"), new Item("db", "bp-postgres", "16.0.0")), null, null), TODAY);
    assertThat(quote.monthlyChangeMinor()).isEqualTo(12_000);
    assertThat(quote.lines()).extracting(l -> l.kind() + ":" + l.monthlyMinor() + ":" + l.description())
        .containsExactly("bundle:12000:bundle bp-bundle-pharmacy", "application:0:included in bp-bundle-pharmacy",
            "application:0:included in bp-bundle-pharmacy");
  }

  @Test
  void freeInstallsNeedNoPayment() {
    var quote = calculator.quote(new QuoteRequest("acme", "acme-dev", null, null,
        List.of(new Item("blog", "bp-wordpress", "6.7.0")), null, null), TODAY);
    assertThat(quote.monthlyChangeMinor()).isZero();
    assertThat(quote.paymentRequired()).isFalse();
    assertThat(quote.plan()).isNull();
    assertThat(quote.note()).isEqualTo("No plan given: no limit was checked.");
  }

  @Test
  void limitsCountUsagePlusTheInstallAndNameThePlanThatLiftsThem() {
    var quote = calculator.quote(new QuoteRequest("acme", "acme-prod", "s", null, List.of(
        new Item("erp", "bp-erpnext", "15.0.0"), new Item("blog", "bp-wordpress", "6.7.0")),
        new Usage(3, 2, 500, 1024), null), TODAY);
    assertThat(quote.withinLimits()).isFalse();
    assertThat(quote.limitProblems()).containsExactly(
        "Environments: 3 needed, plan s allows 2; plan m allows it",
        "Applications: 4 needed, plan s allows 3; plan m allows it",
        "CPU (millicores): 2250 needed, plan s allows 2000; plan m allows it",
        "memory (MiB): 4352 needed, plan s allows 4096; plan m allows it");
    var huge = calculator.quote(new QuoteRequest("acme", "acme-prod", "s", null, List.of(),
        new Usage(1, 1, 9000, 0), null), TODAY);
    assertThat(huge.limitProblems()).containsExactly(
        "CPU (millicores): 9000 needed, plan s allows 2000; plan flexi allows it");
  }

  @Test
  void anUpgradeIsProratedToTheDayAndCheckedAgainstTheNewPlan() {
    // Subscribed on the 1st; S (5.000) to M (9.000) on 11 November: 20 of 30 days left.
    var quote = calculator.quote(new QuoteRequest("acme", null, null, null, List.of(), new Usage(3, 1, 0, 0),
        new PlanChange("s", "m", LocalDate.of(2026, 8, 1))), TODAY);
    var p = quote.proration();
    assertThat(p.periodStart()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(p.periodEnd()).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(p.daysLeft()).isEqualTo(20);
    assertThat(p.creditMinor()).isEqualTo(3_333);
    assertThat(p.chargeMinor()).isEqualTo(6_000);
    assertThat(p.dueNowMinor()).isEqualTo(2_667);
    assertThat(quote.monthlyChangeMinor()).isEqualTo(4_000);
    assertThat(quote.paymentRequired()).isTrue();
    assertThat(quote.plan()).isEqualTo("m");
    assertThat(quote.withinLimits()).isTrue();
  }

  @Test
  void aDowngradeCreditsTheDifferenceAndMayBreakALimit() {
    var quote = calculator.quote(new QuoteRequest("acme", null, null, null, null, new Usage(3, 1, 0, 0),
        new PlanChange("m", "s", LocalDate.of(2026, 10, 21))), TODAY);
    assertThat(quote.proration().periodStart()).isEqualTo(LocalDate.of(2026, 10, 21));
    assertThat(quote.proration().daysLeft()).isEqualTo(10);
    assertThat(quote.proration().dueNowMinor()).isEqualTo(1_613 - 2_903);
    assertThat(quote.monthlyChangeMinor()).isEqualTo(-4_000);
    assertThat(quote.paymentRequired()).isFalse();
    assertThat(quote.limitProblems()).containsExactly("Environments: 3 needed, plan s allows 2; plan m allows it");
  }
}
