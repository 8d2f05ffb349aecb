package io.catalyst.catalog.marketplace;

import java.time.Instant;
import java.util.List;

/** One page of marketplace cards, the total, and facet counts for the filters. */
public record MarketplacePage(List<Card> items, int page, int size, long total, Facets facets) {

  public record Card(String name, String title, String summary, String category, List<String> tags, String icon,
      String latestVersion, String visibility, String organization, int installs, Instant publishedAt,
      Instant updatedAt) {}

  /**
   * Counts for the filters: {@code categories} over the results without the category filter, {@code tags} over the
   * results without the tag filter (so a user sees what picking another value would give).
   */
  public record Facets(List<Facet> categories, List<Facet> tags) {}

  public record Facet(String value, long count) {}
}
