package io.catalyst.identity.organization;

import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/identity/organizations")
@Tag(name = "Organizations")
class OrganizationController {

  private static final Set<String> CHANGEABLE = Set.of("displayName");
  private final OrganizationService service;
  private final Organizations organizations;

  OrganizationController(OrganizationService service, Organizations organizations) {
    this.service = service;
    this.organizations = organizations;
  }

  record Suggestion(String name, String slug, boolean available) {}

  record Availability(String slug, boolean available, String reason) {}

  @GetMapping("/slug-suggestion")
  @Operation(summary = "Propose a free, valid Organization name (slug) from a business name")
  Suggestion suggest(@RequestParam String name) {
    if (name.isBlank() || name.length() > 100) {
      throw ProblemException.invalid("Give the business name to propose a slug from.",
          List.of(FieldProblem.field("name", "must be 1 to 100 characters")));
    }
    return new Suggestion(name, OrganizationSlug.suggest(name, organizations::exists), true);
  }

  @GetMapping("/slug-availability")
  @Operation(summary = "Whether an Organization name (slug) is valid and free")
  Availability availability(@RequestParam String slug) {
    String problem = OrganizationSlug.problem(slug).orElse(null);
    if (problem != null) {
      return new Availability(slug, false, "The name " + problem + ".");
    }
    boolean taken = organizations.exists(slug);
    return new Availability(slug, !taken, taken ? "The name is taken." : null);
  }

  record Suspension(String reason) {}

  @GetMapping
  @Operation(summary = "All Organizations, searched by slug or display name with ?q=, ?status=active|suspended"
      + " (sovereign-admin)")
  io.catalyst.identity.web.Page<Map<String, Object>> search(Caller caller, @RequestParam(required = false) String q,
      @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    var found = service.search(caller, q, status, page, size);
    return new io.catalyst.identity.web.Page<>(found.items().stream().map(OrganizationController::view).toList(),
        found.page(), found.size(), found.total());
  }

  @PostMapping("/{slug}/suspension")
  @Operation(summary = "Suspend the Organization (sovereign-admin): its users get no new tokens")
  Map<String, Object> suspend(Caller caller, @PathVariable String slug,
      @RequestBody(required = false) Suspension suspension) {
    return view(service.suspend(caller, slug, suspension == null ? null : suspension.reason()));
  }

  @DeleteMapping("/{slug}/suspension")
  @Operation(summary = "Lift the suspension (sovereign-admin)")
  Map<String, Object> reactivate(Caller caller, @PathVariable String slug) {
    return view(service.reactivate(caller, slug));
  }

  @GetMapping("/{slug}")
  @Operation(summary = "An Organization (members of it, sovereign-admins and services)")
  Map<String, Object> read(Caller caller, @PathVariable String slug) {
    return view(service.read(caller, slug));
  }

  @PatchMapping("/{slug}")
  @Operation(summary = "Change the display name (org-admin); the slug never changes")
  Map<String, Object> change(Caller caller, @PathVariable String slug, @RequestBody Map<String, Object> changes) {
    List<FieldProblem> unknown = changes.keySet().stream().filter(k -> !CHANGEABLE.contains(k)).sorted()
        .map(k -> FieldProblem.field(k, k.equals("slug") ? "cannot be changed; it names the Organization everywhere"
            : "cannot be changed here")).toList();
    if (!unknown.isEmpty()) {
      throw ProblemException.invalid("Only displayName can be changed.", unknown);
    }
    Object name = changes.get("displayName");
    return view(service.rename(caller, slug, name instanceof String s ? s : null));
  }

  private static Map<String, Object> view(Organization o) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("slug", o.slug());
    out.put("displayName", o.displayName());
    out.put("style", o.style());
    out.put("status", o.status());
    if (o.suspendedAt() != null) {
      out.put("suspendedAt", o.suspendedAt());
      out.put("suspensionReason", o.suspensionReason());
    }
    out.put("createdAt", o.createdAt());
    return out;
  }
}
