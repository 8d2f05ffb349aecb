package io.catalyst.provisioning.install;

import io.catalyst.catalog.contract.CatalogApi;
import io.catalyst.platform.core.Names;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.application.ApplicationRepositoryLayout;
import io.catalyst.provisioning.application.ApplicationStore;
import io.catalyst.provisioning.billing.BillingClient;
import io.catalyst.provisioning.catalog.Catalog;
import io.catalyst.provisioning.organization.Environment;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.platform.git.Codeowners;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.hostname.Hostnames;
import io.catalyst.provisioning.hostname.Subdomain;
import io.catalyst.provisioning.identity.Teams;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Plans an install: checks the request, resolves it with the catalog in one round trip (validation, tree, details),
 * lays out its Applications ({@link InstallPlanner}), their subdomains and names (taken ones are 409s) and its price.
 * Nothing is written but the subdomains' hold.
 */
@Service
class InstallPlanning {

  private final JdbcClient jdbc;
  private final Catalog catalog;
  private final BillingClient billing;
  private final GitRepositories git;
  private final SovereignSettings sovereign;
  private final Hostnames hostnameRegistry;
  private final Teams teams;
  private final ApplicationStore applications;

  InstallPlanning(JdbcClient jdbc, Catalog catalog, BillingClient billing, GitRepositories git,
      SovereignSettings sovereign, Hostnames hostnameRegistry, Teams teams, ApplicationStore applications) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.billing = billing;
    this.git = git;
    this.sovereign = sovereign;
    this.hostnameRegistry = hostnameRegistry;
    this.teams = teams;
    this.applications = applications;
  }

  InstallPlan compute(Caller caller, Environment env, InstallService.InstallRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    String nameProblem = ApplicationName.problem(request.name());
    if (nameProblem != null) {
      problems.add(FieldProblem.field("name", nameProblem));
    }
    if (request.blueprint() == null || !Names.BLUEPRINT.matcher(request.blueprint()).matches()) {
      problems.add(FieldProblem.field("blueprint", "must be a Blueprint name such as bp-wordpress"));
    }
    String team = request.team() != null ? request.team() : defaultOwner(caller);
    if (request.team() != null && !isTeamName(request.team())) {
      problems.add(FieldProblem.field("team", "must be a team of your Organization, such as team-platform"));
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The install request is not valid; fix the fields below.", problems);
    }
    // CODEOWNERS names only what exists: a team the caller's token names (identity-service put it there) or one
    // identity-service knows; otherwise the Organization's org-admins (a role reference, which always exists).
    if (request.team() != null && !caller.inTeam(team) && !teams.exists(env.organization(), team)) {
      throw ProblemException.unprocessable("There is no team " + team + " in " + env.organization() + ". Create it in "
              + "the Organization's teams first, or leave team out (the Organization's org-admins then own it).")
          .with("errors", List.of(Map.of("field", "team", "message", "no such team in " + env.organization())));
    }
    Map<String, Object> config = request.config() == null ? Map.of() : request.config();
    EnvironmentName envName = EnvironmentName.parse(env.name()).orElseThrow();
    Map<String, InstallPlanner.Existing> existing = existingApplications(env.organization());
    // Only the Applications the user chose to reuse are offered (the catalog takes at most 500).
    java.util.Collection<String> chosen = request.choices() == null ? List.of() : request.choices().values();
    List<CatalogApi.ExistingApplication> candidates = existing.values().stream()
        .filter(e -> e.environment().equals(env.name()) && chosen.contains(e.application()))
        .map(e -> new CatalogApi.ExistingApplication(e.application(), e.environment(), e.blueprint(), e.version()))
        .toList();
    // One round trip: the config's validation, the tree at the validated version and every node's detail.
    CatalogApi.Resolution resolution = catalog.plan(env.organization(), request.blueprint(), request.version(),
        config, candidates);
    CatalogApi.Validation validation = resolution.validation();
    if (!validation.valid()) {
      throw ProblemException.invalid("The config does not match " + request.blueprint() + " "
              + validation.version() + "'s configSchema; fix the values below.",
          validation.errors().stream().map(e -> FieldProblem.pointer("/config" + e.pointer(), e.message())).toList());
    }
    Map<String, CatalogApi.Detail> details = new LinkedHashMap<>();
    resolution.nodes().forEach(n -> details.put(n.blueprint(), n.detail()));
    InstallPlan plan = InstallPlanner.plan(new InstallPlanner.Request(envName, sovereign.domain(), request.name(),
            request.choices() == null ? Map.of() : request.choices(),
            ApplicationRepositoryLayout.branches(organizationEnvironments(env.organization())), team),
        resolution, validation.config(), details, existing);
    plan = withSubdomains(plan, request);
    List<String> taken = plan.applications().stream().map(InstallPlan.PlannedApplication::name)
        .filter(n -> existing.containsKey(n) || git.exists(new RepositoryPath(env.organization(), n))).toList();
    if (!taken.isEmpty()) {
      throw ProblemException.conflict("The Application name" + (taken.size() > 1 ? "s " : " ")
              + String.join(", ", taken) + (taken.size() > 1 ? " are" : " is") + " taken in " + env.organization()
              + ". Choose another name" + (plan.composite() || plan.applications().size() > 1
              ? ", or reuse the existing Application through choices" : "") + ".")
          .with("applications", taken);
    }
    return plan.withPrice(billing.quote(env.organization(), env.name(), plan.applications().stream()
        .map(a -> new BillingClient.Item(a.name(), a.blueprint(), a.version())).toList()));
  }

  /**
   * The hostnames chosen in the wizard: {@code subdomain} for the requested Application, {@code subdomains} by
   * Application name or alias path. Rules ({@link Subdomain}) are 400s with pointers; a hostname another Application
   * has is a 409 (the unique index decides for good at RESERVE, when two installs race).
   */
  private InstallPlan withSubdomains(InstallPlan plan, InstallService.InstallRequest request) {
    Map<String, String[]> wanted = new LinkedHashMap<>(); // application → {pointer, subdomain}
    List<FieldProblem> problems = new ArrayList<>();
    if (request.subdomain() != null) {
      Optional<InstallPlan.PlannedApplication> root = plan.applications().stream()
          .filter(a -> a.dependency() == null).findFirst();
      if (root.isEmpty()) {
        problems.add(FieldProblem.pointer("/subdomain", plan.blueprint() + " is a bundle and gets no hostname of its "
            + "own; name its Applications in subdomains, e.g. {\"" + plan.applications().getFirst().name()
            + "\": \"shop\"}"));
      } else {
        wanted.put(root.get().name(), new String[] {"/subdomain", request.subdomain()});
      }
    }
    if (request.subdomains() != null) {
      for (var e : new java.util.TreeMap<>(request.subdomains()).entrySet()) {
        String pointer = "/subdomains/" + e.getKey().replace("~", "~0").replace("/", "~1");
        Optional<InstallPlan.PlannedApplication> app = plan.applications().stream()
            .filter(a -> a.name().equals(e.getKey()) || e.getKey().equals(a.dependency())).findFirst();
        if (app.isEmpty()) {
          problems.add(FieldProblem.pointer(pointer, "is not an Application of this install; its Applications are "
              + String.join(", ", plan.applications().stream().map(InstallPlan.PlannedApplication::name).toList())));
        } else if (wanted.containsKey(app.get().name())) {
          problems.add(FieldProblem.pointer(pointer, app.get().name() + " has a subdomain already"));
        } else {
          wanted.put(app.get().name(), new String[] {pointer, e.getValue()});
        }
      }
    }
    Map<String, String> hostnames = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    wanted.forEach((app, w) -> {
      String sub = w[1] == null ? null : w[1].trim();
      String problem = Subdomain.problem(sub);
      if (problem != null) {
        problems.add(FieldProblem.pointer(w[0], problem));
      } else if (!seen.add(sub)) {
        problems.add(FieldProblem.pointer(w[0], sub + " is chosen for two Applications of this install"));
      } else {
        hostnames.put(app, Subdomain.hostname(sub, sovereign.domain()));
      }
    });
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("Some subdomains cannot be used; fix them below.", problems);
    }
    List<String> taken = hostnames.values().stream().filter(hostnameRegistry::taken).toList();
    if (!taken.isEmpty()) {
      throw ProblemException.conflict(String.join(", ", taken) + (taken.size() > 1 ? " are" : " is")
          + " taken by another Application; check another subdomain with GET /api/v1/provisioning/hostnames/"
          + "availability?subdomain=…").with("hostnames", taken);
    }
    return hostnames.isEmpty() ? plan : plan.withApplications(plan.applications().stream()
        .map(a -> hostnames.containsKey(a.name()) ? a.withHostname(hostnames.get(a.name())) : a).toList());
  }

  /**
   * Holds the plan's chosen subdomains for its Organization (minutes; see {@link Hostnames}); one another
   * Organization's plan holds is a 409 and nothing is held.
   */
  void holdSubdomains(InstallPlan plan, UUID id) {
    List<String> held = hostnameRegistry.reserve(hostnameRegistry.chosen(plan.applications().stream()
        .map(InstallPlan.PlannedApplication::hostname).toList()), plan.organization(), id);
    if (!held.isEmpty()) {
      hostnameRegistry.release(id);
      throw ProblemException.conflict(String.join(", ", held) + (held.size() > 1 ? " are" : " is") + " held for "
          + "another install being completed; choose another subdomain (GET /api/v1/provisioning/hostnames/"
          + "availability?subdomain=…)").with("hostnames", held);
    }
  }

  private Map<String, InstallPlanner.Existing> existingApplications(String organization) {
    Map<String, InstallPlanner.Existing> out = new LinkedHashMap<>();
    applications.existing(organization).forEach(e -> out.put(e.name(),
        new InstallPlanner.Existing(e.name(), e.environment(), e.blueprint(), e.version())));
    return out;
  }

  private Set<EnvironmentType> organizationEnvironments(String organization) {
    Set<EnvironmentType> types = EnumSet.noneOf(EnvironmentType.class);
    jdbc.sql("select type from environment where organization = :org").param("org", organization)
        .query(String.class).list().forEach(t -> EnvironmentType.ofCode(t).ifPresent(types::add));
    return types;
  }

  /** The caller's first team, else the Organization's org-admins ({@code role:org-admin}). */
  private static String defaultOwner(Caller caller) {
    return caller.teams().stream().sorted().findFirst().orElse(Codeowners.ORG_ADMINS);
  }

  /** A team name as identity-service makes them: {@code team-…}, lower case, single hyphens, at most 63. */
  private static boolean isTeamName(String team) {
    return team.length() <= 63 && team.matches("^team-[a-z0-9]+(-[a-z0-9]+)*$");
  }
}
