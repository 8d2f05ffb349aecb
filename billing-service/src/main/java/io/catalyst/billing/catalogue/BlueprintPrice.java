package io.catalyst.billing.catalogue;

import io.catalyst.billing.money.Money;

/**
 * The monthly price of an Application of {@code blueprint}, or of one install of a bundle, and the resources one
 * Application is estimated to use (the quote checks plan limits with them); the plan the marketplace recommends.
 */
public record BlueprintPrice(String blueprint, Kind kind, Money monthly, int cpuMillis, int memoryMb,
    String recommendedPlan) {

  public enum Kind {
    application,
    bundle
  }
}
