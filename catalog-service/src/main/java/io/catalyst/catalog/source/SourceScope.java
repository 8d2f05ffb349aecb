package io.catalyst.catalog.source;

/** Who a source's Blueprints are for (DOMAIN.md §1.7 sources). */
public enum SourceScope {
  /** {@code catalog}: the public mirror, every Organization. */
  PUBLIC,
  /** {@code catalog-sovereign}: curated by the Sovereign, every Organization of it. */
  SOVEREIGN,
  /** {@code {org}/shared-blueprints}: only that Organization. */
  ORGANIZATION;

  public static final String PUBLIC_OWNER = "catalog";
  public static final String SOVEREIGN_OWNER = "catalog-sovereign";

  public static SourceScope ofOwner(String owner) {
    return switch (owner) {
      case PUBLIC_OWNER -> PUBLIC;
      case SOVEREIGN_OWNER -> SOVEREIGN;
      default -> ORGANIZATION;
    };
  }

  public String wire() {
    return name().toLowerCase();
  }
}
