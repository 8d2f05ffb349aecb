package io.catalyst.promotion.policy;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The policy of one destination Environment (DOMAIN.md §1.9, plus {@code timezone}): who approves a promotion into
 * it, how long the change must have soaked, when merges may happen and how reliable it must be. It holds the same
 * whether the change comes from the console, {@code git push} or the API. No rules: changes go in directly.
 */
public record EnvironmentPolicy(EnvironmentName environment, ZoneId timezone, List<PolicyRule> rules) {

  public static final String API_VERSION = "catalyst.openova.io/v1alpha1";
  public static final String KIND = "EnvironmentPolicy";
  public static final String NAMESPACE = "catalyst-system";

  public EnvironmentPolicy {
    rules = List.copyOf(rules);
  }

  public String name() {
    return environment.policyName();
  }

  public <R extends PolicyRule> List<R> rules(Class<R> kind) {
    return rules.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** The blocking {@code pr-required} rule, if changes must come through a promotion. */
  public Optional<PolicyRule.PrRequired> promotionRequired() {
    return rules(PolicyRule.PrRequired.class).stream().filter(PolicyRule::blocking).findFirst();
  }
}
