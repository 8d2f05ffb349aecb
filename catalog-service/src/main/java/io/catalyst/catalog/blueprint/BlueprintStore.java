package io.catalyst.catalog.blueprint;

import io.catalyst.platform.core.semver.Version;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Blueprints and their versions in PostgreSQL. */
@Repository
public class BlueprintStore {

  private static final String BLUEPRINT_COLUMNS = """
      b.id, b.name, b.organization, b.source_id, b.visibility, b.title, b.summary, b.category, b.tags, b.icon,
      b.documentation, b.license, b.owner_team, b.owner_contact, b.latest_version, b.readme, b.installs,
      b.created_at, b.updated_at""";
  private static final String VERSION_COLUMNS = """
      v.id, v.blueprint_id, v.version, v.digest, v.document::text as document, v.readme, v.source_path, v.commit_sha,
      v.deprecation, v.deprecated_at, v.published_at""";
  private static final int PARSED_CACHE = 8192;

  private final JdbcClient jdbc;
  private final BlueprintParser parser = new BlueprintParser();
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, Blueprint> parsed = new ConcurrentHashMap<>();

  public BlueprintStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The Blueprint {@code name} of {@code organization}'s own source, or (organization null) Sovereign-wide. */
  public Optional<StoredBlueprint> find(String name, String organization) {
    return jdbc.sql("select " + BLUEPRINT_COLUMNS + " from blueprint b where b.name = :name"
            + " and coalesce(b.organization, '') = coalesce(:org, '')")
        .param("name", name).param("org", organization)
        .query(BlueprintStore::blueprint).optional();
  }

  public List<StoredVersion> versions(long blueprintId) {
    return jdbc.sql("select " + VERSION_COLUMNS + " from blueprint_version v where v.blueprint_id = :id")
        .param("id", blueprintId).query(BlueprintStore::version).list().stream()
        .sorted((a, b) -> Version.parse(b.version()).compareTo(Version.parse(a.version()))).toList();
  }

  public Optional<StoredVersion> version(long blueprintId, String version) {
    return jdbc.sql("select " + VERSION_COLUMNS + " from blueprint_version v where v.blueprint_id = :id"
            + " and v.version = :version")
        .param("id", blueprintId).param("version", version).query(BlueprintStore::version).optional();
  }

  /** The version as a {@link Blueprint}, parsed once per digest (a published version never changes). */
  public Blueprint parse(StoredVersion v) {
    if (parsed.size() > PARSED_CACHE) {
      parsed.clear();
    }
    Blueprint b = parsed.computeIfAbsent(v.digest(), d -> parser.fromCanonical(json.readTree(v.document()), null));
    if (v.deprecation() == null) {
      return b;
    }
    return new Blueprint(b.name(), b.version(), b.visibility(), b.card(), b.owner(), b.configSchema(),
        b.placementSchema(), b.depends(), b.manifestSource(), b.overlays(), b.upgradesFrom(), v.deprecation(),
        b.document(), b.digest());
  }

  /** Creates the Blueprint row for a first version; returns its id. */
  public long create(Blueprint first, String organization, String sourceId, String readme, Instant now) {
    return jdbc.sql("""
            insert into blueprint (name, organization, source_id, visibility, title, summary, category, tags,
                                   latest_version, search, created_at, updated_at)
            values (:name, :org, :source, :visibility, :title, :summary, :category, cast(:tags as text[]), :version,
                    to_tsvector('english', ''), :now, :now)
            returning id""")
        .param("name", first.name()).param("org", organization).param("source", sourceId)
        .param("visibility", first.visibility().wire()).param("title", first.card().title())
        .param("summary", first.card().summary()).param("category", first.card().category())
        .param("tags", first.card().tags().toArray(String[]::new)).param("version", first.version().toString())
        .param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  public void insertVersion(long blueprintId, Blueprint b, String readme, String path, String commit, Instant now) {
    jdbc.sql("""
            insert into blueprint_version (blueprint_id, version, digest, document, readme, source_path, commit_sha,
                                           deprecation, deprecated_at, published_at)
            values (:id, :version, :digest, cast(:document as jsonb), :readme, :path, :commit, :deprecation,
                    :deprecatedAt, :now)""")
        .param("id", blueprintId).param("version", b.version().toString()).param("digest", b.digest())
        .param("document", json.writeValueAsString(b.document())).param("readme", readme).param("path", path)
        .param("commit", commit).param("deprecation", b.deprecation())
        .param("deprecatedAt", b.deprecation() == null ? null : Timestamp.from(now)).param("now", Timestamp.from(now))
        .update();
  }

  public void updateVersionStatus(long versionId, String deprecation, String readme, Instant now) {
    jdbc.sql("""
            update blueprint_version set readme = :readme, deprecation = :deprecation,
                   deprecated_at = case when :deprecation::text is null then null
                                        else coalesce(deprecated_at, :now) end
            where id = :id""")
        .param("id", versionId).param("deprecation", deprecation).param("readme", readme)
        .param("now", Timestamp.from(now)).update();
  }

  /**
   * Makes the Blueprint's card, visibility, README and search text those of its highest version (releases before
   * prereleases).
   */
  public void refreshCard(long blueprintId, Instant now) {
    List<StoredVersion> all = versions(blueprintId);
    StoredVersion latest = all.stream().filter(v -> !Version.parse(v.version()).isPrerelease()).findFirst()
        .orElse(all.getFirst());
    Blueprint b = parse(latest);
    Blueprint.Card card = b.card();
    String readme = latest.readme();
    jdbc.sql("""
            update blueprint set visibility = :visibility, title = :title, summary = :summary, category = :category,
                   tags = cast(:tags as text[]), icon = :icon, documentation = :documentation, license = :license,
                   owner_team = :team, owner_contact = :contact, latest_version = :version, readme = :readme,
                   updated_at = :now,
                   search = setweight(to_tsvector('english', :title || ' ' || name || ' ' || replace(name, '-', ' ')), 'A')
                         || setweight(to_tsvector('english', :tagText || ' ' || :category), 'B')
                         || setweight(to_tsvector('english', :summary || ' ' || coalesce(:description, '')), 'C')
                         || setweight(to_tsvector('english', left(coalesce(:readme, ''), 20000)), 'D')
            where id = :id""")
        .param("id", blueprintId).param("visibility", b.visibility().wire()).param("title", card.title())
        .param("summary", card.summary()).param("description", card.description())
        .param("category", card.category()).param("tags", card.tags().toArray(String[]::new))
        .param("tagText", String.join(" ", card.tags()) + " " + String.join(" ", card.tags()).replace('-', ' '))
        .param("icon", card.icon())
        .param("documentation", card.documentation()).param("license", card.license())
        .param("team", b.owner() == null ? null : b.owner().team())
        .param("contact", b.owner() == null ? null : b.owner().contact())
        .param("version", b.version().toString()).param("readme", readme).param("now", Timestamp.from(now))
        .update();
  }

  /** Names of Blueprints visible Sovereign-wide, with the source that owns each. */
  public Map<String, String> sovereignWideOwners() {
    return jdbc.sql("select name, source_id from blueprint where organization is null")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Every published version by Blueprint name, as seen from {@code organization} (null: Sovereign-wide only). */
  public Map<String, List<Version>> publishedVersions(String organization) {
    Map<String, List<Version>> out = new java.util.HashMap<>();
    jdbc.sql("""
            select b.name, v.version from blueprint b join blueprint_version v on v.blueprint_id = b.id
            where b.organization is null or b.organization = :org""")
        .param("org", organization)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
            .add(Version.parse(e.getValue())));
    return out;
  }

  static StoredBlueprint blueprint(ResultSet rs, int n) throws SQLException {
    return new StoredBlueprint(rs.getLong("id"), rs.getString("name"), rs.getString("organization"),
        rs.getString("source_id"), Visibility.of(rs.getString("visibility")).orElseThrow(), rs.getString("title"),
        rs.getString("summary"), rs.getString("category"), strings(rs.getArray("tags")), rs.getString("icon"),
        rs.getString("documentation"), rs.getString("license"), rs.getString("owner_team"),
        rs.getString("owner_contact"), rs.getString("latest_version"), rs.getString("readme"), rs.getInt("installs"),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
  }

  static StoredVersion version(ResultSet rs, int n) throws SQLException {
    return new StoredVersion(rs.getLong("id"), rs.getLong("blueprint_id"), rs.getString("version"),
        rs.getString("digest"), rs.getString("document"), rs.getString("readme"), rs.getString("source_path"),
        rs.getString("commit_sha"), rs.getString("deprecation"), instant(rs.getTimestamp("deprecated_at")),
        instant(rs.getTimestamp("published_at")));
  }

  static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
