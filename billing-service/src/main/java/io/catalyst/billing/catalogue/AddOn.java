package io.catalyst.billing.catalogue;

import io.catalyst.billing.money.Money;

/** An extra on top of a plan; an included one is shown and never billed. */
public record AddOn(String slug, String name, String description, String category, Money monthly, boolean included) {}
