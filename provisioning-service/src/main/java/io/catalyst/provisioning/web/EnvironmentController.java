package io.catalyst.provisioning.web;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.organization.Environment;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.organization.EnvironmentService;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Environments of an Organization: {@code {org}-{env_type}}. */
@RestController
@RequestMapping("/api/v1/provisioning/environments")
class EnvironmentController {

  /** A new Environment: the Organization, its type, and optionally the regions of its Placement. */
  record CreateEnvironment(String organization, String type, List<String> regions) {}

  private final EnvironmentService environments;

  EnvironmentController(EnvironmentService environments) {
    this.environments = environments;
  }

  @PostMapping
  ResponseEntity<Environment> create(Caller caller, @RequestBody CreateEnvironment request) {
    String org = request.organization() != null ? request.organization() : caller.organization();
    EnvironmentName name = EnvironmentService.name(org, request.type());
    caller.requireVisible(name.organization(), "Organization " + name.organization());
    caller.requireRole(Role.ORG_ADMIN);
    Environment created = environments.create(name, request.regions(), caller.subject());
    return ResponseEntity.created(URI.create("/api/v1/provisioning/environments/" + created.name())).body(created);
  }

  /** The caller's Organization's Environments; a sovereign-admin may name any Organization, or omit it for all. */
  @GetMapping
  EnvironmentService.Page list(Caller caller, @RequestParam(required = false) String organization,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || size < 1 || size > 100) {
      throw ProblemException.invalid("size must be 1 to 100 and page at least 0",
          List.of(FieldProblem.field(page < 0 ? "page" : "size", page < 0 ? "must be at least 0" : "must be 1 to 100")));
    }
    String org = organization;
    if (org == null && !(caller.isSovereignAdmin() || caller.isService())) {
      org = caller.organization();
    }
    if (org != null) {
      caller.requireVisible(org, "Organization " + org);
    }
    return environments.list(org, page, size);
  }

  @GetMapping("/{name}")
  Environment get(Caller caller, @PathVariable String name) {
    return visible(caller, name);
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(Caller caller, @PathVariable String name,
      @RequestParam(defaultValue = "false") boolean force, @RequestParam(required = false) String confirm) {
    Environment environment = visible(caller, name);
    caller.requireRole(Role.ORG_ADMIN);
    environments.delete(environment, force, confirm, caller.subject());
    return ResponseEntity.noContent().build();
  }

  private Environment visible(Caller caller, String name) {
    EnvironmentName parsed = EnvironmentName.parse(name)
        .orElseThrow(() -> ProblemException.notFound("Environment " + name));
    caller.requireVisible(parsed.organization(), "Environment " + name);
    return environments.find(name).orElseThrow(() -> ProblemException.notFound("Environment " + name));
  }
}
