package io.catalyst.billing.catalogue;

import io.catalyst.billing.money.Money;
import java.util.List;

/**
 * A plan an Organization subscribes to: its monthly price, for Flexi the price of a compute unit-month (1 vCPU +
 * 2 GB, metered later), and its limits.
 */
public record Plan(String slug, String name, String description, Money monthly, Money usageUnit, PlanLimits limits,
    boolean popular, List<String> features) {}
