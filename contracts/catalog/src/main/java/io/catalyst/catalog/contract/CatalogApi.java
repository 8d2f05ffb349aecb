package io.catalyst.catalog.contract;

import java.util.List;
import java.util.Map;

/**
 * The DTOs of catalog-service's REST calls other services make (docs/catalog.md): resolve a Blueprint's dependency
 * tree ({@code POST /api/v1/catalog/blueprints/{name}/resolve}), validate a config against its configSchema
 * ({@code POST …/validate}), read a version's detail ({@code GET /api/v1/catalog/blueprints/{name}?version=}). The
 * answers may carry more fields than these; readers ignore them.
 *
 * <p>An install plan is one {@code resolve} with {@code organization} set: the answer then also carries the
 * {@link Validation} of the config (defaults filled) and each node's {@link Detail}, instead of validate + resolve + one
 * detail per node.
 */
public final class CatalogApi {

  public static final String BLUEPRINTS = "/api/v1/catalog/blueprints";

  private CatalogApi() {}

  /**
   * {@code version}: a semver range (null: any). {@code organization}: the Organization an install plan is for; when
   * set, the config is validated first (an invalid one is answered with {@link Resolution#validation()} and no
   * nodes), the tree is resolved at the validated version, and every node carries its {@link Node#detail()}.
   */
  public record ResolveRequest(String version, Map<String, Object> config,
      List<ExistingApplication> existingApplications, String organization) {

    public ResolveRequest(String version, Map<String, Object> config, List<ExistingApplication> existingApplications) {
      this(version, config, existingApplications, null);
    }
  }

  /** An Application the caller already runs, offered to satisfy a dependency instead of installing a new one. */
  public record ExistingApplication(String application, String environment, String blueprint, String version) {}

  /** {@code validation}: only when the request named an {@code organization} (an install plan). */
  public record Resolution(String blueprint, String version, boolean resolved, List<Node> nodes, List<Skipped> skipped,
      List<String> warnings, List<ConfigError> configErrors, Validation validation) {

    public Resolution(String blueprint, String version, boolean resolved, List<Node> nodes, List<Skipped> skipped,
        List<String> warnings, List<ConfigError> configErrors) {
      this(blueprint, version, resolved, nodes, skipped, warnings, configErrors, null);
    }
  }

  /**
   * One Blueprint of the flattened tree; nodes come in install order, the requested Blueprint last. {@code detail}:
   * the version's detail, only for an install plan (a request with {@code organization}).
   */
  public record Node(String blueprint, String version, int depth, List<Requirement> requiredBy,
      Map<String, Object> config, List<String> dependsOn, List<ExistingApplication> satisfiedBy,
      List<ExistingApplication> unsuitable, String deprecation, Detail detail) {

    public Node(String blueprint, String version, int depth, List<Requirement> requiredBy,
        Map<String, Object> config, List<String> dependsOn, List<ExistingApplication> satisfiedBy,
        List<ExistingApplication> unsuitable, String deprecation) {
      this(blueprint, version, depth, requiredBy, config, dependsOn, satisfiedBy, unsuitable, deprecation, null);
    }
  }

  public record Requirement(String blueprint, String version, String alias, String range) {}

  public record Skipped(String requiredBy, String version, String blueprint, String alias, String when) {}

  public record ConfigError(String pointer, String message) {}

  public record ValidateRequest(String version, Map<String, Object> config) {}

  public record Validation(String blueprint, String version, boolean valid, List<ConfigError> errors,
      Map<String, Object> config) {}

  /**
   * {@code organization}: the owner of an Organization-private Blueprint, null for Sovereign-wide ones;
   * {@code upgradesFrom}: the version patterns an upgrade to this version may start from ({@code 25.0.x},
   * {@code 26.x}; none: any).
   */
  public record Detail(String name, String title, String category, String visibility, String organization,
      String version, String digest, Owner owner, Map<String, Object> configSchema, Manifests manifests,
      List<String> upgradesFrom) {}

  public record Owner(String team, String contact) {}

  public record Manifests(String kind, String repository, String chart, String chartVersion) {}
}
