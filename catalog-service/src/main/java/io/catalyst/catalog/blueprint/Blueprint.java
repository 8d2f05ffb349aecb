package io.catalyst.catalog.blueprint;

import io.catalyst.platform.core.semver.Version;
import io.catalyst.platform.core.semver.VersionRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One published version of a Blueprint, in its canonical form (DOMAIN.md §1.7). {@link #document()} is the canonical
 * {@code blueprint.yaml} as JSON (version under {@code spec.version}, {@code apiVersion} normalised); {@link #digest()}
 * is the SHA-256 of that document with its keys sorted, which is what makes a published version immutable.
 *
 * @param deprecation why this version is deprecated (from {@code spec.deprecated}), or null. A status, not content:
 *     it is outside the digest and may be set on an already published version.
 */
public record Blueprint(
    String name,
    Version version,
    Visibility visibility,
    Card card,
    Owner owner,
    ObjectNode configSchema,
    Placement placementSchema,
    List<Dependency> depends,
    ManifestSource manifestSource,
    Map<String, JsonNode> overlays,
    List<VersionRange> upgradesFrom,
    String deprecation,
    ObjectNode document,
    String digest) {

  public static final String COMPOSITE = "composite";

  public boolean isComposite() {
    return COMPOSITE.equals(card.category());
  }

  public Optional<Dependency> dependency(String alias) {
    return depends.stream().filter(d -> d.alias().equals(alias)).findFirst();
  }

  /** The marketplace card. {@code summary} is the one-liner ({@code tagline} and {@code summary} are accepted). */
  public record Card(String title, String summary, String description, String category, String family,
      List<String> tags, String icon, String documentation, String license, String website) {}

  public record Owner(String team, String contact) {}

  /**
   * One entry of {@code spec.depends}.
   *
   * @param alias  how the dependent refers to it (defaults to the name without {@code bp-})
   * @param when   null when unconditional
   * @param values passed down to the dependency's config; strings may hold {@code {{ .config.x }}} placeholders
   */
  public record Dependency(String blueprint, VersionRange version, String alias, WhenCondition when,
      ObjectNode values) {}

  /** {@code spec.placementSchema}: the placement modes the Blueprint supports. */
  public record Placement(List<String> modes, int minRegions, int maxRegions, String defaultMode) {
    public static final List<String> MODES = List.of("single-region", "active-active", "active-hotstandby");

    public static Placement singleRegion() {
      return new Placement(List.of("single-region"), 1, 1, "single-region");
    }
  }

  /** Where the manifests come from: an upstream Helm chart or a Kustomize base. */
  public record ManifestSource(Kind kind, String repository, String chart, String chartVersion, String url,
      String path, String ref) {
    public enum Kind { HelmChart, Kustomize }
  }
}
