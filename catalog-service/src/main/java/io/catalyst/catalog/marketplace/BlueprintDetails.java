package io.catalyst.catalog.marketplace;

import io.catalyst.catalog.blueprint.Blueprint;
import io.catalyst.catalog.blueprint.StoredBlueprint;
import io.catalyst.catalog.blueprint.StoredVersion;
import io.catalyst.platform.core.semver.Version;
import io.catalyst.platform.core.semver.VersionRange;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Blueprint detail page: card, versions, README, configSchema and what its dependencies resolve to today. */
@Service
public class BlueprintDetails {

  private final BlueprintDirectory directory;

  public BlueprintDetails(BlueprintDirectory directory) {
    this.directory = directory;
  }

  public record Detail(String name, String title, String summary, String description, String category,
      List<String> tags, String icon, String documentation, String license, String website, Owner owner,
      String visibility, String organization, String source, int installs, String latestVersion, String version,
      String deprecation, List<VersionSummary> versions, String readme, ObjectNode configSchema,
      Blueprint.Placement placementSchema, List<DependencySummary> dependencies, Manifests manifests,
      List<String> upgradesFrom, String digest) {}

  public record Owner(String team, String contact) {}

  public record VersionSummary(String version, Instant publishedAt, String deprecation, String digest) {}

  /** A dependency and the version it resolves to right now on its own (null when nothing visible matches). */
  public record DependencySummary(String blueprint, String alias, String version, String when, String resolvesTo,
      boolean composite) {}

  public record Manifests(String kind, String repository, String chart, String chartVersion, String url,
      String path, String ref, List<String> overlays) {}

  public record VersionDocument(String name, String version, String digest, Instant publishedAt, String commit,
      String path, String deprecation, JsonNode document) {}

  /** Detail at {@code version} (null: the latest); empty when not visible or the version does not exist. */
  public Optional<Detail> detail(Viewer viewer, String name, String version) {
    Optional<StoredBlueprint> found = directory.find(viewer, name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredBlueprint b = found.get();
    List<StoredVersion> versions = directory.versions(b);
    String wanted = version == null ? b.latestVersion() : version;
    Optional<StoredVersion> selected = versions.stream().filter(v -> v.version().equals(wanted)).findFirst();
    if (selected.isEmpty()) {
      return Optional.empty();
    }
    Blueprint bp = directory.parse(selected.get());
    List<DependencySummary> deps = bp.depends().stream().map(d -> {
      List<Blueprint> candidates = directory.installable(viewer, d.blueprint());
      String resolves = candidates.stream().map(Blueprint::version).filter(d.version()::isSatisfiedBy)
          .max(Comparator.naturalOrder()).map(Version::toString).orElse(null);
      boolean composite = candidates.stream().anyMatch(Blueprint::isComposite);
      return new DependencySummary(d.blueprint(), d.alias(), d.version().toString(),
          d.when() == null ? null : d.when().toString(), resolves, composite);
    }).toList();
    Blueprint.ManifestSource m = bp.manifestSource();
    Manifests manifests = m == null && bp.overlays().isEmpty() ? null : new Manifests(
        m == null ? null : m.kind().name(), m == null ? null : m.repository(), m == null ? null : m.chart(),
        m == null ? null : m.chartVersion(), m == null ? null : m.url(), m == null ? null : m.path(),
        m == null ? null : m.ref(), List.copyOf(bp.overlays().keySet()));
    Blueprint.Card card = bp.card();
    return Optional.of(new Detail(bp.name(), card.title(), card.summary(), card.description(), card.category(),
        card.tags(), card.icon(), card.documentation(), card.license(), card.website(),
        bp.owner() == null ? null : new Owner(bp.owner().team(), bp.owner().contact()), bp.visibility().wire(),
        b.organization(), b.sourceId(), b.installs(), b.latestVersion(), bp.version().toString(),
        selected.get().deprecation(), versions.stream().map(BlueprintDetails::summary).toList(),
        selected.get().readme(), bp.configSchema(), bp.placementSchema(), deps, manifests,
        bp.upgradesFrom().stream().map(VersionRange::toString).toList(), bp.digest()));
  }

  public Optional<List<VersionSummary>> versions(Viewer viewer, String name) {
    return directory.find(viewer, name)
        .map(b -> directory.versions(b).stream().map(BlueprintDetails::summary).toList());
  }

  public Optional<VersionDocument> version(Viewer viewer, String name, String version) {
    return directory.find(viewer, name).flatMap(b -> directory.versions(b).stream()
        .filter(v -> v.version().equals(version)).findFirst()
        .map(v -> new VersionDocument(b.name(), v.version(), v.digest(), v.publishedAt(), v.commit(),
            v.sourcePath(), v.deprecation(), directory.parse(v).document())));
  }

  private static VersionSummary summary(StoredVersion v) {
    return new VersionSummary(v.version(), v.publishedAt(), v.deprecation(), v.digest());
  }

}
