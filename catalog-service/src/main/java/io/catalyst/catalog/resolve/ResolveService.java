package io.catalyst.catalog.resolve;

import io.catalyst.catalog.blueprint.Blueprint;
import io.catalyst.catalog.blueprint.ConfigProblem;
import io.catalyst.catalog.blueprint.ConfigSchemas;
import io.catalyst.catalog.blueprint.StoredBlueprint;
import io.catalyst.platform.core.semver.VersionRange;
import io.catalyst.catalog.marketplace.BlueprintDetails;
import io.catalyst.catalog.marketplace.BlueprintDirectory;
import io.catalyst.catalog.marketplace.Viewer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Resolution and config validation against what the viewer may see. */
@Service
public class ResolveService {

  private final BlueprintDirectory directory;
  private final BlueprintDetails details;

  public ResolveService(BlueprintDirectory directory, BlueprintDetails details) {
    this.directory = directory;
    this.details = details;
  }

  /** The result of resolving, with the root config's own problems. */
  public record Outcome(Resolution resolution, List<ConfigProblem> configProblems) {}

  /** Empty when the Blueprint is not visible to the viewer. */
  public Optional<Outcome> resolve(Viewer viewer, String name, VersionRange range, JsonNode config,
      List<ExistingApplication> existing) {
    if (directory.find(viewer, name).isEmpty()) {
      return Optional.empty();
    }
    DependencyResolver resolver = new DependencyResolver(n -> directory.installable(viewer, n));
    Resolution resolution = resolver.resolve(name, range, config, existing);
    List<ConfigProblem> problems = List.of();
    if (resolution.resolved()) {
      Resolution.Node root = resolution.nodes().getLast();
      Blueprint picked = directory.installable(viewer, name).stream()
          .filter(b -> b.version().toString().equals(root.version())).findFirst().orElseThrow();
      problems = ConfigSchemas.of(picked).validate(config);
    }
    return Optional.of(new Outcome(resolution, problems));
  }

  /** A config checked against the configSchema of the highest version in {@code range}. */
  public record Validation(String blueprint, String version, List<ConfigProblem> errors, ObjectNode config) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /** Empty when the Blueprint is not visible or no version is inside {@code range}. */
  public Optional<Validation> validate(Viewer viewer, String name, VersionRange range, JsonNode config) {
    Optional<StoredBlueprint> found = directory.find(viewer, name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return directory.installable(viewer, name).stream()
        .filter(b -> range.isSatisfiedBy(b.version()))
        .max(Comparator.comparing(Blueprint::version))
        .map(b -> {
          var schema = ConfigSchemas.of(b);
          return new Validation(b.name(), b.version().toString(), schema.validate(config),
              schema.applyDefaults(config));
        });
  }

  /**
   * What an install plan needs in one answer: the config validated (as {@link #validate}), and when it is valid the
   * tree resolved at the validated version with each node's detail (in the order of the nodes).
   */
  public record Plan(Validation validation, Outcome outcome, List<BlueprintDetails.Detail> details) {}

  /** Empty when the Blueprint is not visible or no version is inside {@code range} (as {@link #validate}). */
  public Optional<Plan> plan(Viewer viewer, String name, VersionRange range, JsonNode config,
      List<ExistingApplication> existing) {
    Optional<Validation> validation = validate(viewer, name, range, config);
    if (validation.isEmpty()) {
      return Optional.empty();
    }
    if (!validation.get().valid()) {
      return Optional.of(new Plan(validation.get(), null, List.of()));
    }
    Outcome outcome = resolve(viewer, name, VersionRange.parse(validation.get().version()), config, existing)
        .orElseThrow();
    List<BlueprintDetails.Detail> nodeDetails = !outcome.resolution().resolved() ? List.of()
        : outcome.resolution().nodes().stream().map(n -> details.detail(viewer, n.blueprint(), n.version())
            .orElseThrow(() -> new IllegalStateException("resolved " + n.blueprint() + " " + n.version()
                + " has no detail"))).toList();
    return Optional.of(new Plan(validation.get(), outcome, nodeDetails));
  }
}
