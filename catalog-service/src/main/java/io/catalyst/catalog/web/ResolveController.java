package io.catalyst.catalog.web;

import io.catalyst.catalog.blueprint.ConfigProblem;
import io.catalyst.catalog.blueprint.VersionRange;
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
   */
  record ResolveRequest(String version, JsonNode config,
      @Valid @Size(max = 500) List<ExistingApplication> existingApplications) {}

  record ResolveResponse(String blueprint, String version, boolean resolved, List<Resolution.Node> nodes,
      List<Resolution.Skipped> skipped, List<String> warnings, List<ConfigProblem> configErrors) {}

  record ValidateRequest(String version, JsonNode config) {}

  record ValidateResponse(String blueprint, String version, boolean valid, List<ConfigProblem> errors,
      JsonNode config) {}

  @PostMapping("/resolve")
  ResolveResponse resolve(Caller caller, @PathVariable String name, @Valid @RequestBody ResolveRequest request) {
    VersionRange range = range(request.version());
    JsonNode config = config(request.config());
    ResolveService.Outcome outcome = service.resolve(Viewers.of(caller), name, range, config,
            request.existingApplications() == null ? List.of() : request.existingApplications())
        .orElseThrow(() -> ProblemException.notFound("Blueprint " + name));
    Resolution r = outcome.resolution();
    if (!r.resolved()) {
      throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, UNRESOLVABLE, "Dependencies cannot be resolved",
          r.problems().stream().map(Resolution.Problem::message).collect(Collectors.joining(" ")))
          .with("problems", r.problems()).with("skipped", r.skipped()).with("warnings", r.warnings());
    }
    return new ResolveResponse(name, r.nodes().getLast().version(), true, r.nodes(), r.skipped(), r.warnings(),
        outcome.configProblems());
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
