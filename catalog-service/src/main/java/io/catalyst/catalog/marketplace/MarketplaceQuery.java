package io.catalyst.catalog.marketplace;

import java.util.List;

/** A marketplace search: full text, filters, sort and page (size at most {@link #MAX_SIZE}). */
public record MarketplaceQuery(String text, String category, List<String> tags, Sort sort, int page, int size) {

  public static final int MAX_SIZE = 100;

  public enum Sort { RELEVANCE, POPULAR, NEWEST, NAME }

  public MarketplaceQuery {
    text = text == null || text.isBlank() ? null : text.trim();
    category = category == null || category.isBlank() ? null : category.trim();
    tags = tags == null ? List.of() : tags.stream().filter(t -> t != null && !t.isBlank()).map(String::trim)
        .distinct().toList();
    if (sort == null) {
      sort = text != null ? Sort.RELEVANCE : Sort.POPULAR;
    }
  }
}
