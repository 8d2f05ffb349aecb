package io.catalyst.catalog.blueprint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who sees a Blueprint (DOMAIN.md §1.7.1). */
public enum Visibility {
  /** A marketplace card for everyone the source is visible to. */
  LISTED,
  /** Not on cards; reachable by its exact name (detail, search by name, resolve). */
  UNLISTED,
  /** Only the owning Organization (for a Sovereign-wide source: only the sovereign-admin). */
  PRIVATE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Visibility> of(String text) {
    return Arrays.stream(values()).filter(v -> v.wire().equals(text)).findFirst();
  }
}
