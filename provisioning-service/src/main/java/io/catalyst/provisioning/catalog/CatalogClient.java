package io.catalyst.provisioning.catalog;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * catalog-service's API as this service uses it (docs/catalog.md): resolve a Blueprint's dependency tree, validate a
 * config against its configSchema, read a version's detail. Calls carry this service's client-credentials token
 * (service kit), so private Blueprints of every Organization are visible; {@link Catalog} scopes what a caller may
 * install and turns the catalog's refusals into this service's problems.
 */
@FeignClient(name = "catalog-service", url = "${catalyst.provisioning.catalog-url:http://localhost:8082}",
    configuration = CatalogClientConfiguration.class)
public interface CatalogClient {

  @PostMapping("/api/v1/catalog/blueprints/{name}/resolve")
  Resolution resolve(@PathVariable("name") String blueprint, @RequestBody ResolveRequest request);

  @PostMapping("/api/v1/catalog/blueprints/{name}/validate")
  Validation validate(@PathVariable("name") String blueprint, @RequestBody ValidateRequest request);

  @GetMapping("/api/v1/catalog/blueprints/{name}")
  Detail detail(@PathVariable("name") String blueprint, @RequestParam("version") String version);

  /** {@code version}: a semver range (null: any). */
  record ResolveRequest(String version, Map<String, Object> config, List<ExistingApplication> existingApplications) {}

  record ExistingApplication(String application, String environment, String blueprint, String version) {}

  record Resolution(String blueprint, String version, boolean resolved, List<Node> nodes, List<Skipped> skipped,
      List<String> warnings, List<ConfigError> configErrors) {}

  /** One Blueprint of the flattened tree; nodes come in install order, the requested Blueprint last. */
  record Node(String blueprint, String version, int depth, List<Requirement> requiredBy, Map<String, Object> config,
      List<String> dependsOn, List<ExistingApplication> satisfiedBy, List<ExistingApplication> unsuitable,
      String deprecation) {}

  record Requirement(String blueprint, String version, String alias, String range) {}

  record Skipped(String requiredBy, String version, String blueprint, String alias, String when) {}

  record ConfigError(String pointer, String message) {}

  record ValidateRequest(String version, Map<String, Object> config) {}

  record Validation(String blueprint, String version, boolean valid, List<ConfigError> errors,
      Map<String, Object> config) {}

  /**
   * {@code organization}: the owner of an Organization-private Blueprint, null for Sovereign-wide ones;
   * {@code upgradesFrom}: the version patterns an upgrade to this version may start from ({@code 25.0.x}, {@code 26.x};
   * none: any).
   */
  record Detail(String name, String title, String category, String visibility, String organization, String version,
      String digest, Owner owner, Map<String, Object> configSchema, Manifests manifests, List<String> upgradesFrom) {}

  record Owner(String team, String contact) {}

  record Manifests(String kind, String repository, String chart, String chartVersion) {}
}
