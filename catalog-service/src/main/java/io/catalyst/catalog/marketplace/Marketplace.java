package io.catalyst.catalog.marketplace;

import io.catalyst.catalog.marketplace.MarketplacePage.Card;
import io.catalyst.catalog.marketplace.MarketplacePage.Facet;
import io.catalyst.catalog.marketplace.MarketplacePage.Facets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The marketplace: PostgreSQL full-text search ({@code websearch_to_tsquery} over a weighted tsvector — user input is
 * only ever a bound parameter, never a pattern), category and tag filters with facet counts, sort and pagination.
 * Unlisted Blueprints appear only when the query is their exact name.
 */
@Service
public class Marketplace {

  private static final int TAG_FACETS = 30;
  private static final String QUERY = "websearch_to_tsquery('english', :q)";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public Marketplace(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public MarketplacePage search(Viewer viewer, MarketplaceQuery query) {
    Statement statement = statement(viewer, query);
    int size = Math.clamp(query.size(), 1, MarketplaceQuery.MAX_SIZE);
    int page = Math.max(0, query.page());
    return jdbc.sql(statement.sql()).params(statement.params())
        .query((rs, n) -> new MarketplacePage(
            List.of(json.readValue(rs.getString("items"), Card[].class)), page, size, rs.getLong("total"),
            new Facets(List.of(json.readValue(rs.getString("categories"), Facet[].class)),
                List.of(json.readValue(rs.getString("tag_facets"), Facet[].class)))))
        .single();
  }

  /** The one SQL statement of a search and its parameters (also used to measure it in PostgreSQL). */
  record Statement(String sql, Map<String, Object> params) {}

  Statement statement(Viewer viewer, MarketplaceQuery query) {
    int size = Math.clamp(query.size(), 1, MarketplaceQuery.MAX_SIZE);
    int page = Math.max(0, query.page());
    Map<String, Object> params = new HashMap<>();
    params.put("org", viewer.organization());
    params.put("admin", viewer.sovereignWide());
    params.put("q", query.text());
    String exact = query.text() == null ? null : query.text().toLowerCase(java.util.Locale.ROOT);
    params.put("exact", exact);
    params.put("exactName", exact == null ? null : exact.startsWith("bp-") ? exact : "bp-" + exact);
    params.put("exactTag", exact == null ? null : exact.replace(' ', '-'));
    // A LIKE prefix with the user's wildcards escaped: a plain prefix match, never a pattern.
    params.put("titlePrefix", exact == null ? null
        : exact.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    params.put("category", query.category());
    params.put("tags", query.tags().toArray(String[]::new));

    String visible = """
        ((b.organization is null and (b.visibility = 'listed' or (:admin and b.visibility = 'private')))
          or (b.organization = :org and b.visibility <> 'unlisted')
          or (b.visibility = 'unlisted' and b.name = :exact and (b.organization is null or b.organization = :org)))""";
    String text = query.text() == null ? "true" : "(b.search @@ " + QUERY + " or b.name = :exact)";
    String category = query.category() == null ? "true" : "b.category = :category";
    String tags = query.tags().isEmpty() ? "true" : "b.tags @> cast(:tags as text[])";
    String where = " where " + visible + " and " + text;

    String order = switch (query.sort()) {
      // The obvious match first (its name, a title starting with the words, a tag that is the words), then rank.
      case RELEVANCE -> query.text() == null ? "m.installs desc, m.name"
          : "(m.name = :exactName) desc, (lower(m.title) like :titlePrefix) desc, (:exactTag = any(m.tags)) desc,"
              + " m.rank desc, m.installs desc, m.name";
      case POPULAR -> "m.installs desc, m.name";
      case NEWEST -> "m.created_at desc, m.name";
      case NAME -> "m.title, m.name";
    };
    String rank = query.sort() == MarketplaceQuery.Sort.RELEVANCE && query.text() != null
        ? "ts_rank_cd(b.search, " + QUERY + ", 1)" : "0";
    String filtered = category.replace("b.", "m.") + " and " + tags.replace("b.", "m.");
    // One round trip: the matches are computed once, then the page, the total and both facets come from them.
    String sql = """
        with matched as materialized (
          select b.id, b.name, b.title, b.category, b.tags, b.installs, b.created_at, RANK as rank
          from blueprint b WHERE),
        page as (
          select m.id, row_number() over (order by ORDER) as position from matched m where FILTERED
          order by ORDER limit :limit offset :offset)
        select
          (select count(*) from matched m where FILTERED) as total,
          (select coalesce(json_agg(json_build_object('name', b.name, 'title', b.title, 'summary', b.summary,
                    'category', b.category, 'tags', b.tags, 'icon', b.icon, 'latestVersion', b.latest_version,
                    'visibility', b.visibility, 'organization', b.organization, 'installs', b.installs,
                    'publishedAt', b.created_at, 'updatedAt', b.updated_at) order by p.position), '[]')
             from page p join blueprint b on b.id = p.id) as items,
          (select coalesce(json_agg(json_build_object('value', f.v, 'count', f.c) order by f.c desc, f.v), '[]')
             from (select m.category as v, count(*) as c from matched m where TAGS group by m.category) f)
            as categories,
          (select coalesce(json_agg(json_build_object('value', f.v, 'count', f.c) order by f.c desc, f.v), '[]')
             from (select t as v, count(*) as c from matched m cross join unnest(m.tags) t where CATEGORY
                   group by t order by count(*) desc, t limit TAG_FACETS) f) as tag_facets"""
        .replace("RANK", rank).replace("WHERE", where).replace("FILTERED", filtered).replace("ORDER", order)
        .replace("TAGS", tags.replace("b.", "m.")).replace("CATEGORY", category.replace("b.", "m."))
        .replace("TAG_FACETS", String.valueOf(TAG_FACETS));
    params.put("limit", size);
    params.put("offset", (long) page * size);
    return new Statement(sql, params);
  }

}
