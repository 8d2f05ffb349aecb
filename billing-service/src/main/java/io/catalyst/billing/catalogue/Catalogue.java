package io.catalyst.billing.catalogue;

import io.catalyst.platform.core.SovereignSettings;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The Sovereign's price list, in its one billing currency ({@code catalyst.sovereign.currency}). */
@Service
public class Catalogue {

  private final Plans plans;
  private final AddOns addOns;
  private final BlueprintPrices blueprints;
  private final Currency currency;

  Catalogue(Plans plans, AddOns addOns, BlueprintPrices blueprints, SovereignSettings sovereign) {
    this.plans = plans;
    this.addOns = addOns;
    this.blueprints = blueprints;
    this.currency = sovereign.currency();
  }

  /** The Sovereign's billing currency. */
  public Currency currency() {
    return currency;
  }

  public List<Plan> plans() {
    return plans.all(currency);
  }

  public Optional<Plan> plan(String slug) {
    return plans.find(slug, currency);
  }

  public List<AddOn> addOns() {
    return addOns.all(currency);
  }

  public List<BlueprintPrice> blueprintPrices() {
    return blueprints.all(currency);
  }

  public java.util.Map<String, BlueprintPrice> pricesOf(java.util.Collection<String> names) {
    return blueprints.of(names, currency);
  }
}
