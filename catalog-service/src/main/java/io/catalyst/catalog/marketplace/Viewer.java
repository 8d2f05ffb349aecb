package io.catalyst.catalog.marketplace;

/**
 * Who is looking at the catalog, as far as visibility goes: anonymous visitors see the public cards; members of an
 * Organization also see its private Blueprints; the Sovereign's admins (and Catalyst services) also see Sovereign-wide
 * private ones.
 */
public record Viewer(String organization, boolean sovereignWide) {

  public static final Viewer ANONYMOUS = new Viewer(null, false);
}
