package io.catalyst.provisioning.application;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.platform.git.Codeowners;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.application.ApplicationStore.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The Applications of an Organization for integrations: summaries, or Backstage {@code Component} entities. */
@Service
public class BackstageView {

  private final ApplicationStore store;
  private final GitRepositories git;

  public BackstageView(ApplicationStore store, GitRepositories git) {
    this.store = store;
    this.git = git;
  }

  public Applications.Portal portal(Caller caller, String organization, boolean backstage, String gitBaseUrl,
      int page, int size) {
    if (page < 0 || size < 1 || size > 500) {
      throw ProblemException.invalid("size must be 1 to 500 and page at least 0", List.of(
          FieldProblem.field(page < 0 ? "page" : "size", page < 0 ? "must be at least 0" : "must be 1 to 500")));
    }
    String org = organization;
    if (org == null && !(caller.isSovereignAdmin() || caller.isService())) {
      org = caller.organization();
    }
    if (org != null) {
      caller.requireVisible(org, "Organization " + org);
    }
    caller.requireRole(Role.ORG_ADMIN, Role.ORG_DEVELOPER, Role.ORG_VIEWER, Role.SECURITY_OFFICER);
    List<Row> rows = store.page(org, size, (long) page * size);
    List<Object> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(backstage ? component(r, gitBaseUrl) : Applications.summary(r, List.of()));
    }
    return new Applications.Portal(out, page, size, store.count(org));
  }

  /** A Backstage Component: owner from CODEOWNERS, system = the Organization, lifecycle from the Environment. */
  private Map<String, Object> component(Row r, String gitBaseUrl) {
    EnvironmentName env = EnvironmentName.parse(r.environment()).orElseThrow();
    RepositoryPath repo = new RepositoryPath(env.organization(), r.name());
    String owner = git.exists(repo) ? git.read(repo, env.type().branch(), "CODEOWNERS").flatMap(BackstageView::owner)
        .orElse("unknown") : "unknown";
    String lifecycle = switch (env.type()) {
      case PROD -> "production";
      case STG, UAT -> "staging";
      case DEV -> "development";
      case POC -> "experimental";
    };
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", r.name());
    metadata.put("namespace", env.organization());
    metadata.put("title", r.name());
    metadata.put("description", r.blueprint() + " " + r.version() + " in " + env);
    metadata.put("tags", List.of(r.blueprint().substring(3), env.type().code()));
    metadata.put("annotations", Map.of(
        "catalyst.dev/environment", env.toString(),
        "catalyst.dev/blueprint", r.blueprint() + "@" + r.version(),
        "catalyst.dev/status", r.status(),
        "backstage.io/source-location", "url:" + gitBaseUrl + "/" + repo + ".git",
        "backstage.io/managed-by-location", "url:" + gitBaseUrl + "/" + repo + ".git"));
    if (r.hostname() != null) {
      metadata.put("links", List.of(Map.of("url", "https://" + r.hostname(), "title", r.name())));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", r.backingService() ? "resource" : "service");
    spec.put("lifecycle", lifecycle);
    spec.put("owner", owner);
    spec.put("system", env.organization());
    spec.put("dependsOn", r.dependsOn().stream().map(d -> "component:" + env.organization() + "/" + d).toList());
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("apiVersion", "backstage.io/v1alpha1");
    entity.put("kind", "Component");
    entity.put("metadata", metadata);
    entity.put("spec", spec);
    return entity;
  }

  /**
   * The first owner of the catch-all rule ({@code * @org/team}) as a Backstage group reference; a role reference
   * ({@code @org/role:org-admin}) is the group of the role's holders ({@code group:org-admin}).
   */
  static Optional<String> owner(String codeowners) {
    return codeowners.lines().map(String::trim).filter(l -> l.startsWith("*") && l.contains("@"))
        .map(l -> l.substring(l.indexOf('@') + 1).split("\\s+")[0])
        .map(o -> o.contains("/") ? o.substring(o.indexOf('/') + 1) : o)
        .map(o -> "group:" + (o.startsWith(Codeowners.ROLE) ? o.substring(Codeowners.ROLE.length()) : o)).findFirst();
  }
}
