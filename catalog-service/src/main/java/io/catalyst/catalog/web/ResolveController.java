package io.catalyst.catalog.web;

import io.catalyst.catalog.blueprint.ConfigProblem;
import io.catalyst.platform.core.semver.VersionRange;
import io.catalyst.catalog.marketplace.BlueprintDetails;
import io.catalyst.catalog.resolve.ExistingApplication;
import io.catalyst.catalog.resolve.Resolution;
import io.catalyst.catalog.resolve.ResolveService;
import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Dependency resolution and configSchema validation for a Blueprint. */
@RestController
@RequestMapping("/api/v1/catalog/blueprints/{name}")
class ResolveController {

  static final java.net.URI UNRESOLVABLE = ProblemTypes.of("unresolvable-dependencies");

  private final ResolveService service;

  ResolveController(ResolveService service) {
    this.service = service;
  }

  /**
   * @param version              a semver range (default: any)
   * @param config               the Application's config (defaults are applied)
   * @param existingApplications Applications the caller already runs that may serve a dependency
   * @param organization         the Organization an install plan is for: the answer then also carries the config's
   *                             validation and each node's detail (one call instead of validate, resolve and a
   *                             detail per node)
   */
  record ResolveRequest(String version, JsonNode config,
      @Valid @Size(max = 500) List<ExistingApplication> existingApplications, String organization) {}

  /** {@code validation}: only for an install plan (a request with {@code organization}). */
  record ResolveResponse(String blueprint, String version, boolean resolved, List<?> nodes,
      List<Resolution.Skipped> skipped, List<String> warnings, List<ConfigProblem> configErrors,
      ValidateResponse validation) {}

  /** A node of an install plan's answer: the node and what the plan needs of its version's detail. */
  record PlanNode(String blueprint, String version, int depth, List<Resolution.Requirement> requiredBy,
      JsonNode config, List<String> dependsOn, List<ExistingApplication> satisfiedBy,
      List<ExistingApplication> unsuitable, String deprecation, NodeDetail detail) {}

  /** The fields of the detail page an install plan reads (contract: {@code CatalogApi.Detail}). */
  record NodeDetail(String name, String title, String category, String visibility, String organization,
      String version, String digest, BlueprintDetails.Owner owner, JsonNode configSchema,
      BlueprintDetails.Manifests manifests, List<String> upgradesFrom) {}

  record ValidateRequest(String version, JsonNode config) {}

  record ValidateResponse(String blueprint, String version, boolean valid, List<ConfigProblem> errors,
      JsonNode config) {}

  @PostMapping("/resolve")
  ResolveResponse resolve(Caller caller, @PathVariable String name, @Valid @RequestBody ResolveRequest request) {
    VersionRange range = range(request.version());
    JsonNode config = config(request.config());
    List<ExistingApplication> existing = request.existingApplications() == null ? List.of()
        : request.existingApplications();
    if (request.organization() != null) {
      return plan(caller, name, request, range, config, existing);
    }
    ResolveService.Outcome outcome = service.resolve(Viewers.of(caller), name, range, config, existing)
        .orElseThrow(() -> ProblemException.notFound("Blueprint " + name));
    Resolution r = resolved(outcome);
    return new ResolveResponse(name, r.nodes().getLast().version(), true, r.nodes(), r.skipped(), r.warnings(),
        outcome.configProblems(), null);
  }

  /**
   * An install plan in one answer: refusals as validate's (unknown Blueprint or no version in the range 404, bad
   * range 400), an invalid config answered with its validation and no nodes, else resolve's (an unresolvable tree
   * 422) with each node's detail; a node private to another Organization than the plan's is 404.
   */
  private ResolveResponse plan(Caller caller, String name, ResolveRequest request, VersionRange range,
      JsonNode config, List<ExistingApplication> existing) {
    ResolveService.Plan plan = service.plan(Viewers.of(caller), name, range, config, existing)
        .orElseThrow(() -> ProblemException.notFound(request.version() == null ? "Blueprint " + name
            : "Blueprint " + name + " " + request.version()));
    var v = plan.validation();
    ValidateResponse validation = new ValidateResponse(v.blueprint(), v.version(), v.valid(), v.errors(), v.config());
    if (!v.valid()) {
      return new ResolveResponse(name, v.version(), false, List.of(), List.of(), List.of(), v.errors(), validation);
    }
    Resolution r = resolved(plan.outcome());
    List<PlanNode> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < r.nodes().size(); i++) {
      Resolution.Node n = r.nodes().get(i);
      BlueprintDetails.Detail d = plan.details().get(i);
      if (d.organization() != null && !d.organization().equals(request.organization())) {
        throw ProblemException.notFound("Blueprint " + n.blueprint()).with("blueprint", n.blueprint());
      }
      nodes.add(new PlanNode(n.blueprint(), n.version(), n.depth(), n.requiredBy(), n.config(), n.dependsOn(),
          n.satisfiedBy(), n.unsuitable(), n.deprecation(), new NodeDetail(d.name(), d.title(), d.category(),
              d.visibility(), d.organization(), d.version(), d.digest(), d.owner(), d.configSchema(), d.manifests(),
              d.upgradesFrom())));
    }
    return new ResolveResponse(name, r.nodes().getLast().version(), true, nodes, r.skipped(), r.warnings(),
        plan.outcome().configProblems(), validation);
  }

  private static Resolution resolved(ResolveService.Outcome outcome) {
    Resolution r = outcome.resolution();
    if (!r.resolved()) {
      throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, UNRESOLVABLE, "Dependencies cannot be resolved",
          r.problems().stream().map(Resolution.Problem::message).collect(Collectors.joining(" ")))
          .with("problems", r.problems()).with("skipped", r.skipped()).with("warnings", r.warnings());
    }
    return r;
  }

  @PostMapping("/validate")
  ValidateResponse validate(Caller caller, @PathVariable String name, @RequestBody ValidateRequest request) {
    VersionRange range = range(request.version());
    var result = service.validate(Viewers.of(caller), name, range, config(request.config()))
        .orElseThrow(() -> ProblemException.notFound(request.version() == null ? "Blueprint " + name
            : "Blueprint " + name + " " + request.version()));
    return new ValidateResponse(result.blueprint(), result.version(), result.valid(), result.errors(),
        result.config());
  }

  private static VersionRange range(String text) {
    if (text == null || text.isBlank()) {
      return VersionRange.any();
    }
    try {
      return VersionRange.parse(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(e.getMessage(), List.of(FieldProblem.field("version", e.getMessage())));
    }
  }

  private static JsonNode config(JsonNode config) {
    if (config != null && !config.isNull() && !config.isObject()) {
      throw ProblemException.invalid("config must be a JSON object",
          List.of(FieldProblem.pointer("/config", "must be a JSON object")));
    }
    return config == null || config.isNull() ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : config;
  }
}
