package io.catalyst.billing.catalogue;

import io.catalyst.billing.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public price list the marketplace shows without a login. */
@RestController
@Tag(name = "Prices")
class PriceController {

  private final Catalogue catalogue;

  PriceController(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** An amount: minor units of {@code currency} and how the console shows it. */
  record Amount(long amountMinor, String currency, String display) {
    static Amount of(Money money) {
      return money == null ? null : new Amount(money.minor(), money.currency().getCurrencyCode(), money.toString());
    }
  }

  record PlanView(String slug, String name, String description, Amount monthly, Amount usageUnit, PlanLimits limits,
      boolean popular, List<String> features) {}

  record AddOnView(String slug, String name, String description, String category, Amount monthly,
      boolean included) {}

  record BlueprintPriceView(String blueprint, BlueprintPrice.Kind kind, Amount monthly, int cpuMillis, int memoryMb,
      String recommendedPlan) {}

  record PriceList(String currency, int decimals, List<PlanView> plans, List<AddOnView> addOns,
      List<BlueprintPriceView> blueprints) {}

  @GetMapping("/api/v1/billing/prices")
  @Operation(summary = "The price list (public): plans with their limits, add-ons, and the monthly price per Blueprint"
      + " and per bundle (a Blueprint not listed is free), in the Sovereign's billing currency")
  ResponseEntity<PriceList> prices() {
    var plans = catalogue.plans().stream().map(p -> new PlanView(p.slug(), p.name(), p.description(),
        Amount.of(p.monthly()), Amount.of(p.usageUnit()), p.limits(), p.popular(), p.features())).toList();
    var addOns = catalogue.addOns().stream().map(a -> new AddOnView(a.slug(), a.name(), a.description(),
        a.category(), Amount.of(a.monthly()), a.included())).toList();
    var blueprints = catalogue.blueprintPrices().stream().map(b -> new BlueprintPriceView(b.blueprint(), b.kind(),
        Amount.of(b.monthly()), b.cpuMillis(), b.memoryMb(), b.recommendedPlan())).toList();
    var currency = catalogue.currency();
    return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
        .body(new PriceList(currency.getCurrencyCode(), currency.getDefaultFractionDigits(), plans, addOns,
            blueprints));
  }
}
