package io.catalyst.catalog.blueprint;

import io.catalyst.platform.core.semver.Version;
import io.catalyst.platform.core.semver.VersionRange;
import io.catalyst.catalog.blueprint.Blueprint.Card;
import io.catalyst.catalog.blueprint.Blueprint.Dependency;
import io.catalyst.catalog.blueprint.Blueprint.ManifestSource;
import io.catalyst.catalog.blueprint.Blueprint.Owner;
import io.catalyst.catalog.blueprint.Blueprint.Placement;
import io.catalyst.platform.core.Names;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a {@code blueprint.yaml} into its canonical {@link Blueprint}, or into the list of everything an author must
 * fix, each addressed by a JSON pointer into the file. Accepts the shapes seen upstream (DOMAIN.md §1.7): version in
 * {@code metadata.version} or {@code spec.version}, {@code apiVersion} {@code catalyst.openova.io/v1alpha1} or
 * {@code /v1}, {@code card.tagline} or {@code card.summary}, {@code manifests.chart} as well as
 * {@code manifests.source}. No Spring, no I/O.
 */
public final class BlueprintParser {

  public static final String API_VERSION = "catalyst.openova.io/v1alpha1";
  private static final Set<String> API_VERSIONS = Set.of(API_VERSION, "catalyst.openova.io/v1");
  private static final int MAX_BYTES = 256 * 1024;

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> METADATA = Set.of("name", "version", "labels", "annotations");
  private static final Set<String> SPEC = Set.of("version", "card", "visibility", "owner", "configSchema",
      "placementSchema", "depends", "manifests", "upgrades", "rotation", "observability", "outputs",
      "dynamicSecrets", "deprecated");
  private static final Set<String> CARD = Set.of("title", "tagline", "summary", "description", "category", "family",
      "tags", "icon", "screenshots", "license", "documentation", "docs", "website");
  private static final Set<String> DEPENDENCY = Set.of("blueprint", "version", "alias", "when", "values");
  private static final Set<String> OVERLAYS = Set.of("small", "medium", "large");
  private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");
  private static final Pattern ALIAS = Names.APPLICATION;

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The outcome of reading one file: a Blueprint, or the problems that keep it out. */
  public record Result(Blueprint blueprint, List<ConfigProblem> problems) {
    public boolean ok() {
      return blueprint != null;
    }
  }

  /** Parses the bytes of a {@code blueprint.yaml}. */
  public Result parse(byte[] yaml) {
    if (yaml.length > MAX_BYTES) {
      return fail("", "blueprint.yaml is larger than " + MAX_BYTES / 1024 + " KiB");
    }
    JsonNode root;
    try {
      root = YAML.readTree(new String(yaml, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")";
      return fail("", "blueprint.yaml is not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    return parse(root);
  }

  /** Reads a canonical document back (from the database); it was valid when it was published. */
  public Blueprint fromCanonical(JsonNode document, String deprecation) {
    Result r = parse(document);
    if (!r.ok()) {
      throw new IllegalStateException("stored Blueprint no longer parses: " + r.problems());
    }
    Blueprint b = r.blueprint();
    return new Blueprint(b.name(), b.version(), b.visibility(), b.card(), b.owner(), b.configSchema(),
        b.placementSchema(), b.depends(), b.manifestSource(), b.overlays(), b.upgradesFrom(), deprecation,
        b.document(), b.digest());
  }

  public Result parse(JsonNode root) {
    Problems p = new Problems();
    if (root == null || !root.isObject()) {
      return fail("", "blueprint.yaml must be a YAML mapping with apiVersion, kind, metadata and spec");
    }
    p.unknown(root, "", TOP);
    String apiVersion = text(root, "apiVersion");
    if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
      p.add("/apiVersion", "apiVersion must be " + API_VERSION);
    }
    if (!"Blueprint".equals(text(root, "kind"))) {
      p.add("/kind", "kind must be Blueprint");
    }
    JsonNode metadata = object(root, "metadata", "", p);
    JsonNode spec = object(root, "spec", "", p);
    if (metadata == null || spec == null) {
      return new Result(null, p.list);
    }
    p.unknown(metadata, "/metadata", METADATA);
    p.unknown(spec, "/spec", SPEC);

    String name = text(metadata, "name");
    if (name == null) {
      p.add("/metadata/name", "metadata.name is required, e.g. bp-postgres");
    } else if (!BlueprintNames.isValid(name)) {
      p.add("/metadata/name", BlueprintNames.explain(name));
    }

    Version version = version(metadata, spec, p);
    Visibility visibility = Visibility.LISTED;
    if (spec.has("visibility")) {
      visibility = Visibility.of(spec.get("visibility").asString()).orElse(null);
      if (visibility == null) {
        p.add("/spec/visibility", "visibility must be listed, unlisted or private");
      }
    }
    Card card = card(spec, p);
    Owner owner = owner(spec, p);

    ObjectNode configSchema;
    JsonNode cs = spec.get("configSchema");
    if (cs == null) {
      configSchema = JsonNodeFactory.instance.objectNode().put("type", "object");
      configSchema.putObject("properties");
    } else if (!cs.isObject()) {
      p.add("/spec/configSchema", "configSchema must be a JSON Schema object");
      configSchema = null;
    } else {
      configSchema = (ObjectNode) cs;
      for (ConfigProblem problem : ConfigSchema.check(cs)) {
        p.add("/spec/configSchema" + problem.pointer(), problem.message());
      }
    }

    Placement placement = placement(spec, p);
    List<Dependency> depends = depends(spec, name, configSchema, p);
    ManifestSource source = manifests(spec, p);
    Map<String, JsonNode> overlays = overlays(spec, p);
    List<VersionRange> upgradesFrom = upgrades(spec, p);

    if (card != null && card.category() != null) {
      if (Blueprint.COMPOSITE.equals(card.category())) {
        if (depends.isEmpty() && !p.has("/spec/depends")) {
          p.add("/spec/depends", "a composite Blueprint bundles other Blueprints: list them under depends");
        }
      } else if (source == null && !p.has("/spec/manifests")) {
        p.add("/spec/manifests", "manifests.source is required: a Helm chart (repository, chart, version) "
            + "or a Kustomize base (url, path)");
      }
    }
    String deprecation = deprecation(spec, p);

    if (!p.list.isEmpty()) {
      return new Result(null, p.list);
    }
    ObjectNode document = canonical((ObjectNode) root, version);
    return new Result(new Blueprint(name, version, visibility, card, owner, configSchema, placement, depends,
        source, overlays, upgradesFrom, deprecation, document, digest(document)), List.of());
  }

  // ---- sections -------------------------------------------------------------------------------------------------

  private static Version version(JsonNode metadata, JsonNode spec, Problems p) {
    String inMetadata = text(metadata, "version");
    String inSpec = text(spec, "version");
    if (inMetadata == null && inSpec == null) {
      p.add("/spec/version", "a version is required (spec.version or metadata.version), e.g. 16.4.0");
      return null;
    }
    if (inMetadata != null && inSpec != null && !inMetadata.equals(inSpec)) {
      p.add("/metadata/version", "metadata.version (" + inMetadata + ") and spec.version (" + inSpec
          + ") disagree; keep one");
      return null;
    }
    String at = inSpec != null ? "/spec/version" : "/metadata/version";
    try {
      Version v = Version.parse(inSpec != null ? inSpec : inMetadata);
      if (v.build() != null) {
        p.add(at, "build metadata (+" + v.build() + ") is not allowed in a Blueprint version; it would make two "
            + "equal versions with different content");
        return null;
      }
      return v;
    } catch (IllegalArgumentException e) {
      p.add(at, e.getMessage());
      return null;
    }
  }

  private static Card card(JsonNode spec, Problems p) {
    JsonNode card = object(spec, "card", "/spec", p);
    if (card == null) {
      return null;
    }
    p.unknown(card, "/spec/card", CARD);
    String title = text(card, "title");
    if (title == null || title.isBlank()) {
      p.add("/spec/card/title", "card.title is required");
    } else if (title.length() > 80) {
      p.add("/spec/card/title", "card.title is at most 80 characters");
    }
    String summary = firstText(card, "summary", "tagline");
    String description = text(card, "description");
    if (summary == null) {
      summary = description;
    }
    if (summary == null || summary.isBlank()) {
      p.add("/spec/card/summary", "card.summary (a one-line description) is required");
    } else if (summary.length() > 280) {
      p.add("/spec/card/summary", "card.summary is at most 280 characters; put the long text in README.md");
    }
    String category = text(card, "category");
    if (category == null || !SLUG.matcher(category).matches()) {
      p.add("/spec/card/category", "card.category is required: a lowercase word such as database, cms, "
          + "communication or composite");
    }
    List<String> tags = new ArrayList<>();
    JsonNode t = card.get("tags");
    if (t != null) {
      if (!t.isArray()) {
        p.add("/spec/card/tags", "card.tags must be a list");
      } else {
        for (int i = 0; i < t.size(); i++) {
          String tag = t.get(i).isString() ? t.get(i).stringValue() : null;
          if (tag == null || !SLUG.matcher(tag).matches()) {
            p.add("/spec/card/tags/" + i, "a tag is a lowercase word (letters, digits, hyphens), at most 40 chars");
          } else if (!tags.contains(tag)) {
            tags.add(tag);
          }
        }
        if (tags.size() > 20) {
          p.add("/spec/card/tags", "at most 20 tags");
        }
      }
    }
    String docs = firstText(card, "documentation", "docs");
    String docsAt = card.has("documentation") ? "/spec/card/documentation" : "/spec/card/docs";
    url(docs, docsAt, p);
    String website = text(card, "website");
    url(website, "/spec/card/website", p);
    String family = text(card, "family");
    return new Card(title, summary, description, category, family, List.copyOf(tags), text(card, "icon"), docs,
        text(card, "license"), website);
  }

  private static void url(String value, String at, Problems p) {
    if (value == null) {
      return;
    }
    try {
      URI uri = URI.create(value);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        p.add(at, "must be an absolute http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      p.add(at, "must be an absolute http(s) URL");
    }
  }

  private static Owner owner(JsonNode spec, Problems p) {
    JsonNode owner = spec.get("owner");
    if (owner == null) {
      return new Owner(null, null);
    }
    if (!owner.isObject()) {
      p.add("/spec/owner", "owner must be a mapping with team and contact");
      return null;
    }
    return new Owner(text(owner, "team"), text(owner, "contact"));
  }

  private static Placement placement(JsonNode spec, Problems p) {
    JsonNode ps = spec.get("placementSchema");
    if (ps == null) {
      return Placement.singleRegion();
    }
    if (!ps.isObject()) {
      p.add("/spec/placementSchema", "placementSchema must be a mapping (modes, minRegions, maxRegions, default)");
      return null;
    }
    List<String> modes = new ArrayList<>();
    JsonNode m = ps.get("modes");
    if (m == null || !m.isArray() || m.isEmpty()) {
      p.add("/spec/placementSchema/modes", "list at least one placement mode: " + Placement.MODES);
    } else {
      for (int i = 0; i < m.size(); i++) {
        String mode = m.get(i).asString();
        if (!Placement.MODES.contains(mode)) {
          p.add("/spec/placementSchema/modes/" + i, "'" + mode + "' is not a placement mode; use one of "
              + Placement.MODES);
        } else {
          modes.add(mode);
        }
      }
    }
    int min = ps.path("minRegions").asInt(1);
    int max = ps.path("maxRegions").asInt(modes.equals(List.of("single-region")) ? 1 : 5);
    if (min < 1 || max > 5 || min > max) {
      p.add("/spec/placementSchema", "regions must satisfy 1 <= minRegions <= maxRegions <= 5");
    }
    String def = ps.has("default") ? ps.get("default").asString() : modes.isEmpty() ? null : modes.getFirst();
    if (def != null && !modes.contains(def) && !modes.isEmpty()) {
      p.add("/spec/placementSchema/default", "default mode '" + def + "' must be one of the listed modes");
    }
    return new Placement(List.copyOf(modes), min, max, def);
  }

  private static List<Dependency> depends(JsonNode spec, String self, JsonNode configSchema, Problems p) {
    JsonNode d = spec.get("depends");
    List<Dependency> out = new ArrayList<>();
    if (d == null || d.isNull()) {
      return out;
    }
    if (!d.isArray()) {
      p.add("/spec/depends", "depends must be a list");
      return out;
    }
    Set<String> aliases = new HashSet<>();
    for (int i = 0; i < d.size(); i++) {
      String at = "/spec/depends/" + i;
      JsonNode dep = d.get(i);
      if (!dep.isObject()) {
        p.add(at, "each dependency is a mapping with blueprint and version");
        continue;
      }
      p.unknown(dep, at, DEPENDENCY);
      String bp = text(dep, "blueprint");
      boolean ok = true;
      if (bp == null || !BlueprintNames.isValid(bp)) {
        p.add(at + "/blueprint", bp == null ? "blueprint is required" : BlueprintNames.explain(bp));
        ok = false;
      } else if (bp.equals(self)) {
        p.add(at + "/blueprint", "a Blueprint cannot depend on itself");
        ok = false;
      }
      VersionRange range = null;
      String rangeText = text(dep, "version");
      if (rangeText == null) {
        p.add(at + "/version", "version is required: a semver range such as ^16.0.0, ~7.2 or 16.x");
        ok = false;
      } else {
        try {
          range = VersionRange.parse(rangeText);
        } catch (IllegalArgumentException e) {
          p.add(at + "/version", e.getMessage());
          ok = false;
        }
      }
      String alias = text(dep, "alias");
      if (alias == null && bp != null) {
        alias = bp.startsWith("bp-") ? bp.substring(3) : bp;
      }
      if (alias != null && !ALIAS.matcher(alias).matches()) {
        p.add(at + "/alias", "alias must be a lowercase DNS label (letters, digits, hyphens), e.g. db");
        ok = false;
      } else if (alias != null && !aliases.add(alias)) {
        p.add(at + "/alias", "alias '" + alias + "' is used twice; give each dependency its own alias");
        ok = false;
      }
      WhenCondition when = null;
      if (dep.has("when")) {
        try {
          when = WhenCondition.parse(dep.get("when").asString());
          for (List<String> path : when.paths()) {
            if (configSchema != null && !declares(configSchema, path)) {
              p.add(at + "/when", "the condition reads .config." + String.join(".", path)
                  + ", which the configSchema does not define");
              ok = false;
            }
          }
        } catch (IllegalArgumentException e) {
          p.add(at + "/when", e.getMessage());
          ok = false;
        }
      }
      ObjectNode values = JsonNodeFactory.instance.objectNode();
      if (dep.has("values")) {
        if (!dep.get("values").isObject()) {
          p.add(at + "/values", "values must be a mapping passed to the dependency's config");
          ok = false;
        } else {
          values = (ObjectNode) dep.get("values");
        }
      }
      if (ok) {
        out.add(new Dependency(bp, range, alias, when, values));
      }
    }
    return out;
  }

  /** Whether the schema declares the path through {@code properties} (open objects accept anything below). */
  private static boolean declares(JsonNode schema, List<String> path) {
    JsonNode s = schema;
    for (String segment : path) {
      JsonNode props = s.get("properties");
      if (props == null || !props.isObject()) {
        return s.has("additionalProperties") && !s.get("additionalProperties").isBoolean()
            || s.path("additionalProperties").asBoolean(false);
      }
      s = props.get(segment);
      if (s == null) {
        return false;
      }
    }
    return true;
  }

  private static ManifestSource manifests(JsonNode spec, Problems p) {
    JsonNode m = spec.get("manifests");
    if (m == null) {
      return null;
    }
    if (!m.isObject()) {
      p.add("/spec/manifests", "manifests must be a mapping with source (and optional overlays)");
      return null;
    }
    if (m.has("chart") && !m.has("source")) {
      // Upstream files say manifests.chart: ./chart (a chart inside the Blueprint folder).
      return new ManifestSource(ManifestSource.Kind.HelmChart, null, null, null, null, m.get("chart").asString(),
          null);
    }
    JsonNode s = m.get("source");
    if (s == null || !s.isObject()) {
      p.add("/spec/manifests/source", "manifests.source is required: {kind: HelmChart, repository, chart, version} "
          + "or {kind: Kustomize, url, path}");
      return null;
    }
    String kind = text(s, "kind");
    if ("OAM".equals(kind)) {
      p.add("/spec/manifests/source/kind", "OAM sources are not supported yet; use HelmChart or Kustomize");
      return null;
    }
    if ("HelmChart".equals(kind)) {
      String repository = text(s, "repository");
      String chart = text(s, "chart");
      String version = text(s, "version");
      String ref = text(s, "ref");
      if (ref != null) {
        if (!ref.startsWith("oci://")) {
          p.add("/spec/manifests/source/ref", "ref must be an OCI reference, e.g. oci://ghcr.io/org/chart");
        }
      } else {
        if (repository == null || !(repository.startsWith("https://") || repository.startsWith("oci://"))) {
          p.add("/spec/manifests/source/repository", "repository must be an https:// or oci:// Helm repository");
        }
        if (chart == null) {
          p.add("/spec/manifests/source/chart", "chart (the chart's name in the repository) is required");
        }
      }
      if (version == null || !Version.isValid(version)) {
        p.add("/spec/manifests/source/version", "version must pin the upstream chart to an exact semantic version");
      }
      return new ManifestSource(ManifestSource.Kind.HelmChart, repository, chart, version, null, null, ref);
    }
    if ("Kustomize".equals(kind)) {
      String url = text(s, "url");
      if (url == null) {
        p.add("/spec/manifests/source/url", "url (a Git repository holding the Kustomize base) is required");
      }
      return new ManifestSource(ManifestSource.Kind.Kustomize, null, null, null, url, text(s, "path"),
          text(s, "ref"));
    }
    p.add("/spec/manifests/source/kind", "kind must be HelmChart or Kustomize");
    return null;
  }

  private static Map<String, JsonNode> overlays(JsonNode spec, Problems p) {
    JsonNode o = spec.path("manifests").get("overlays");
    Map<String, JsonNode> out = new TreeMap<>();
    if (o == null) {
      return out;
    }
    if (!o.isObject()) {
      p.add("/spec/manifests/overlays", "overlays must map small, medium and large to values");
      return out;
    }
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (!OVERLAYS.contains(e.getKey())) {
        p.add("/spec/manifests/overlays/" + e.getKey(), "sizing overlays are small, medium and large");
      } else if (!e.getValue().isObject()) {
        p.add("/spec/manifests/overlays/" + e.getKey(), "an overlay is a mapping of values");
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static List<VersionRange> upgrades(JsonNode spec, Problems p) {
    List<VersionRange> out = new ArrayList<>();
    JsonNode from = spec.path("upgrades").get("from");
    if (from == null) {
      return out;
    }
    if (!from.isArray()) {
      p.add("/spec/upgrades/from", "upgrades.from is a list of version patterns, e.g. [\"16.x\"]");
      return out;
    }
    for (int i = 0; i < from.size(); i++) {
      try {
        out.add(VersionRange.parse(from.get(i).asString()));
      } catch (IllegalArgumentException e) {
        p.add("/spec/upgrades/from/" + i, e.getMessage());
      }
    }
    return out;
  }

  private static String deprecation(JsonNode spec, Problems p) {
    JsonNode d = spec.get("deprecated");
    if (d == null || d.isNull() || d.isBoolean() && !d.booleanValue()) {
      return null;
    }
    if (d.isBoolean()) {
      return "deprecated";
    }
    if (d.isString() && !d.stringValue().isBlank()) {
      return d.stringValue();
    }
    p.add("/spec/deprecated", "deprecated is true or a reason, e.g. \"15.x is end of life; use ^17\"");
    return null;
  }

  // ---- canonical form -------------------------------------------------------------------------------------------

  /** apiVersion normalised, version under spec, deprecation (a status) removed, keys sorted. */
  private static ObjectNode canonical(ObjectNode root, Version version) {
    ObjectNode copy = root.deepCopy();
    copy.put("apiVersion", API_VERSION);
    ((ObjectNode) copy.get("metadata")).remove("version");
    ObjectNode spec = (ObjectNode) copy.get("spec");
    spec.put("version", version.toString());
    spec.remove("deprecated");
    return (ObjectNode) sorted(copy);
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> children = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        children.put(e.getKey(), sorted(e.getValue()));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      children.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> out.add(sorted(child)));
      return out;
    }
    return node;
  }

  static String digest(ObjectNode document) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(document);
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private static Result fail(String pointer, String message) {
    return new Result(null, List.of(new ConfigProblem(pointer, message)));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || v.isObject() || v.isArray()) {
      return null;
    }
    return v.asString();
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String f : fields) {
      String v = text(node, f);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static JsonNode object(JsonNode parent, String field, String at, Problems p) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isObject()) {
      p.add(at + "/" + field, field + " is required and must be a mapping");
      return null;
    }
    return v;
  }

  private static final class Problems {
    final List<ConfigProblem> list = new ArrayList<>();

    void add(String pointer, String message) {
      list.add(new ConfigProblem(pointer, message));
    }

    boolean has(String prefix) {
      return list.stream().anyMatch(c -> c.pointer().startsWith(prefix));
    }

    void unknown(JsonNode node, String at, Set<String> known) {
      Map<String, Boolean> seen = new LinkedHashMap<>();
      for (String key : node.propertyNames()) {
        if (!known.contains(key)) {
          seen.put(key, true);
        }
      }
      for (String key : seen.keySet()) {
        add(at + "/" + ConfigSchema.escape(key), "unknown field '" + key + "'; expected one of "
            + known.stream().sorted().toList());
      }
    }
  }
}
