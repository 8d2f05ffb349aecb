package io.catalyst.provisioning.install;

import io.catalyst.catalog.contract.CatalogApi;
import io.catalyst.platform.core.Names;
import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.application.ApplicationRepositoryLayout;
import io.catalyst.provisioning.billing.BillingClient;
import io.catalyst.provisioning.catalog.Catalog;
import io.catalyst.provisioning.catalog.CatalogClient;
import io.catalyst.provisioning.environment.Environment;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentService;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.platform.git.Codeowners;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.hostname.Hostnames;
import io.catalyst.provisioning.hostname.Subdomain;
import io.catalyst.provisioning.identity.Teams;
import io.catalyst.provisioning.sso.SsoClients;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs: plan (one catalog resolve with validation and details, names, collisions, price; nothing written but the plan itself) and
 * apply (the {@link InstallSaga}: names reserved, one repository per Application, Flux objects in the Environment's
 * bootstrap, rows and events). Apply is idempotent per {@code Idempotency-Key} and per plan, and an attempt that
 * died is finished by the next one or by {@link #resumeInterrupted()}.
 */
@Service
public class InstallService {

  private static final Logger log = LoggerFactory.getLogger(InstallService.class);
  public static final java.net.URI ROLLED_BACK = ProblemTypes.of("install-rolled-back");

  /**
   * What a user asks to install. {@code choices}: dependency (alias path or Blueprint) → "new" or an Application.
   * {@code subdomain}: the requested Application's hostname becomes {@code {subdomain}.{sovereign-domain}};
   * {@code subdomains}: the same for other Applications of the install, by Application name or alias path.
   */
  public record InstallRequest(String blueprint, String version, String name, Map<String, Object> config,
      Map<String, String> choices, String team, String subdomain, Map<String, String> subdomains) {}

  /** An install as the API shows it. */
  public record InstallView(String id, String status, String failure, InstallPlan plan, List<InstallStep> steps,
      Instant createdAt, String createdBy) {}

  private final JdbcClient jdbc;
  private final Catalog catalog;
  private final BillingClient billing;
  private final EnvironmentService environments;
  private final GitRepositories git;
  private final InstallActions actions;
  private final InstallProperties properties;
  private final SovereignSettings sovereign;
  private final Clock clock;
  private final JsonMapper json;
  private final JsonMapper canonical;
  private final Hostnames hostnameRegistry;
  private final SsoClients sso;
  private final Teams teams;

  public InstallService(JdbcClient jdbc, Catalog catalog, BillingClient billing, EnvironmentService environments,
      GitRepositories git, InstallActions actions, InstallProperties properties, SovereignSettings sovereign,
      Clock clock, JsonMapper json, Hostnames hostnameRegistry, SsoClients sso, Teams teams) {
    this.teams = teams;
    this.hostnameRegistry = hostnameRegistry;
    this.sso = sso;
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.billing = billing;
    this.environments = environments;
    this.git = git;
    this.actions = actions;
    this.properties = properties;
    this.sovereign = sovereign;
    this.clock = clock;
    this.json = json;
    this.canonical = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  }

  /** Plans an install; the plan is kept (and can be applied) for {@code plan-ttl}. */
  public InstallPlan plan(Caller caller, String environment, InstallRequest request) {
    Environment env = changeable(caller, environment);
    InstallPlan plan = compute(caller, env, request);
    UUID id = UUID.randomUUID();
    holdSubdomains(plan, id);
    store(id, plan, caller, null, hash(environment, request));
    return plan.withId(id.toString(), clock.instant().plus(properties.planTtl()));
  }

  /** Applies a plan made before. Applying it again answers the same install. */
  public InstallView apply(Caller caller, String environment, String planId, String idempotencyKey) {
    Environment env = changeable(caller, environment);
    UUID id = parseId(planId).orElseThrow(() -> ProblemException.notFound("Install plan " + planId));
    Row row = find(id).filter(r -> r.environment().equals(env.name()))
        .orElseThrow(() -> ProblemException.notFound("Install plan " + planId));
    if (idempotencyKey != null && !idempotencyKey.isBlank()) {
      Optional<Row> keyed = findByKey(env.organization(), idempotencyKey);
      if (keyed.isPresent() && !keyed.get().id().equals(id)) {
        throw keyReused(idempotencyKey);
      }
      if (keyed.isEmpty()) {
        try {
          jdbc.sql("update install set idempotency_key = :key where id = :id and idempotency_key is null")
              .param("key", idempotencyKey).param("id", id).update();
        } catch (DuplicateKeyException e) {
          throw keyReused(idempotencyKey);
        }
      }
    }
    if ("Planned".equals(row.status()) && row.createdAt().plus(properties.planTtl()).isBefore(clock.instant())) {
      throw ProblemException.gone("Install plan " + planId + " expired; make a new plan (the catalog may have "
          + "changed since).");
    }
    return execute(id, true);
  }

  /** Plans and applies in one call ({@code POST …/applications}). */
  public InstallView install(Caller caller, String environment, InstallRequest request, String idempotencyKey) {
    Environment env = changeable(caller, environment);
    String hash = hash(environment, request);
    boolean keyed = idempotencyKey != null && !idempotencyKey.isBlank();
    if (keyed) {
      Optional<Row> existing = findByKey(env.organization(), idempotencyKey);
      if (existing.isPresent()) {
        if (!existing.get().requestHash().equals(hash)) {
          throw keyReused(idempotencyKey);
        }
        return execute(existing.get().id(), true);
      }
    }
    InstallPlan plan = compute(caller, env, request);
    UUID id = UUID.randomUUID();
    holdSubdomains(plan, id);
    try {
      store(id, plan, caller, keyed ? idempotencyKey : null, hash);
    } catch (DuplicateKeyException e) { // the same key raced us: answer what that request does
      Row other = findByKey(env.organization(), idempotencyKey).orElseThrow(() -> e);
      if (!other.requestHash().equals(hash)) {
        throw keyReused(idempotencyKey);
      }
      id = other.id();
    }
    return execute(id, true);
  }

  public InstallView view(Caller caller, String environment, String id) {
    EnvironmentName name = visibleName(caller, environment);
    UUID uuid = parseId(id).orElseThrow(() -> ProblemException.notFound("Install " + id));
    Row row = find(uuid).filter(r -> r.environment().equals(name.toString()))
        .orElseThrow(() -> ProblemException.notFound("Install " + id));
    return view(row);
  }

  /** What an uninstall did. */
  public record Uninstalled(String application, String environment, String archivedAs) {}

  /**
   * Uninstalls an Application: its Flux objects leave the Environment's bootstrap, its repository is archived (moved
   * to {@code _archived}, never deleted), its rows go and {@code application.uninstalled.v1} is published. Refused
   * (409) while other Applications depend on it. Each part is idempotent, so a retry after a crash finishes it.
   */
  public Uninstalled uninstall(Caller caller, String environment, String application) {
    Environment env = changeable(caller, environment);
    EnvironmentName name = EnvironmentName.parse(env.name()).orElseThrow();
    boolean exists = jdbc.sql("select count(*) from application where organization = :org and name = :app "
            + "and environment = :env").param("org", env.organization()).param("app", application)
        .param("env", env.name()).query(Long.class).single() > 0;
    if (!exists) {
      throw ProblemException.notFound("Application " + application + " in " + env.name());
    }
    List<String> usedBy = jdbc.sql("select name from application where environment = :env and name <> :app "
            + "and (',' || depends_on || ',') like :pattern order by name")
        .param("env", env.name()).param("app", application).param("pattern", "%," + application + ",%")
        .query(String.class).list();
    if (!usedBy.isEmpty()) {
      throw ProblemException.conflict(application + " is used by " + String.join(", ", usedBy)
          + ". Uninstall those first, or point them at another Application.").with("usedBy", usedBy);
    }
    actions.removeSources(name, List.of(application), caller.subject(), "uninstall");
    boolean hadSso = jdbc.sql("""
        select count(*) from install_step s join application a on a.install_id = s.install_id
        where a.organization = :org and a.name = :app and s.kind = 'SSO' and s.target = :app and s.status = 'Done'""")
        .param("org", env.organization()).param("app", application).query(Long.class).single() > 0;
    if (hadSso) {
      sso.remove(env.organization(), application, env.name()); // idempotent: a retry after a crash is fine
    }
    java.nio.file.Path archived = git.archive(new RepositoryPath(env.organization(), application),
        "uninstalled-" + clock.instant().getEpochSecond());
    actions.forget(env.organization(), env.name(), application, caller.subject());
    return new Uninstalled(application, env.name(),
        archived == null ? null : git.root().relativize(archived).toString());
  }

  /**
   * Finishes installs whose attempt died (status Applying, lease expired): at start and every
   * {@code resume-interval}.
   */
  public int resumeInterrupted() {
    List<UUID> stuck = jdbc.sql("select id from install where status = 'Applying' and lease_until < :now")
        .param("now", Timestamp.from(clock.instant())).query(UUID.class).list();
    int finished = 0;
    for (UUID id : stuck) {
      try {
        InstallView view = execute(id, false);
        if ("Installed".equals(view.status())) {
          finished++;
        }
      } catch (RuntimeException e) {
        log.warn("Resuming install {} failed: {}", id, e.toString());
      }
    }
    return finished;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private InstallView execute(UUID id, boolean answerFailure) {
    Instant now = clock.instant();
    int claimed = jdbc.sql("""
        update install set status = 'Applying', lease_until = :lease, attempts = attempts + 1, updated_at = :now,
                           failure = null
        where id = :id and (status in ('Planned', 'RolledBack') or (status = 'Applying' and lease_until < :now))""")
        .param("id", id).param("now", Timestamp.from(now))
        .param("lease", Timestamp.from(now.plus(properties.lease()))).update();
    Row row = find(id).orElseThrow();
    if (claimed == 0) {
      if ("Installed".equals(row.status())) {
        return view(row);
      }
      throw ProblemException.conflict("Install " + id + " is being applied right now; ask again in a moment.")
          .with("install", id.toString()).retryAfter(properties.lease());
    }
    InstallPlan plan = row.plan();
    if (!plan.price().withinLimits()) {
      actions.rolledBack(id, plan, row.createdBy(), "plan limits", String.join("; ", plan.price().limitProblems()),
          List.of());
      throw ProblemException.unprocessable("Your plan does not allow this install: "
          + String.join("; ", plan.price().limitProblems())).with("price", plan.price());
    }
    List<InstallStep> steps = steps(id);
    if (steps.isEmpty() || steps.stream().anyMatch(s -> s.status() != InstallStep.Status.PENDING
        && s.status() != InstallStep.Status.DONE)) {
      steps = InstallSaga.steps(plan.environment(), plan.applications().stream()
          .map(InstallPlan.PlannedApplication::name).toList(), plan.applications().stream()
          .filter(a -> SsoClients.wants(a.values())).map(InstallPlan.PlannedApplication::name)
          .collect(java.util.stream.Collectors.toSet()));
      saveSteps(id, steps);
    }
    InstallSaga.Outcome outcome = InstallSaga.run(steps, actions.of(id, plan, row.createdBy()), step -> {
      jdbc.sql("update install_step set status = :s where install_id = :id and position = :p")
          .param("s", wire(step.status())).param("id", id).param("p", step.position()).update();
      jdbc.sql("update install set lease_until = :lease, updated_at = :now where id = :id and status = 'Applying'")
          .param("id", id).param("now", Timestamp.from(clock.instant()))
          .param("lease", Timestamp.from(clock.instant().plus(properties.lease()))).update();
    });
    if (outcome.completed()) {
      return view(find(id).orElseThrow());
    }
    String failure = outcome.failedAt().describe() + ": " + message(outcome.cause());
    actions.rolledBack(id, plan, row.createdBy(), outcome.failedAt().describe(), message(outcome.cause()),
        outcome.unresolved().stream().map(InstallStep::describe).toList());
    log.warn("Install {} rolled back at step {} ({}); unresolved compensations: {}", id,
        outcome.failedAt().position(), failure, outcome.unresolved(), outcome.cause());
    if (!answerFailure) {
      return view(find(id).orElseThrow());
    }
    if (outcome.cause() instanceof ProblemException p && p.status().is4xxClientError()) {
      throw p.with("install", id.toString()).with("rolledBack", true);
    }
    throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, ROLLED_BACK, "Install rolled back",
        "The install failed while trying to " + outcome.failedAt().describe() + " and was rolled back: nothing of it "
            + "is left (repositories it had created are archived). Try again; if it fails again, quote install "
            + id + ".")
        .with("install", id.toString()).with("unresolved", outcome.unresolved());
  }

  private InstallPlan compute(Caller caller, Environment env, InstallRequest request) {
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
  private InstallPlan withSubdomains(InstallPlan plan, InstallRequest request) {
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
  private void holdSubdomains(InstallPlan plan, UUID id) {
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
    jdbc.sql("select name, environment, blueprint, version from application where organization = :org")
        .param("org", organization)
        .query((rs, i) -> new InstallPlanner.Existing(rs.getString("name"), rs.getString("environment"),
            rs.getString("blueprint"), rs.getString("version")))
        .list().forEach(e -> out.put(e.application(), e));
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

  /** The Environment, if the caller may install into it: 404 for another Organization's, 403 without the role. */
  private Environment changeable(Caller caller, String environment) {
    EnvironmentName name = visibleName(caller, environment);
    Environment env = environments.find(name.toString())
        .orElseThrow(() -> ProblemException.notFound("Environment " + environment));
    if (!caller.mayChange(name.organization(), env.name())) {
      throw ProblemException.forbidden("Installing into " + env.name() + " needs org-admin, or org-developer bound "
          + "to " + env.name() + "; ask an org-admin of your Organization.");
    }
    return env;
  }

  private static EnvironmentName visibleName(Caller caller, String environment) {
    EnvironmentName name = EnvironmentName.parse(environment)
        .orElseThrow(() -> ProblemException.notFound("Environment " + environment));
    caller.requireVisible(name.organization(), "Environment " + environment);
    return name;
  }

  private String hash(String environment, InstallRequest request) {
    try {
      byte[] body = canonical.writeValueAsBytes(Map.of("environment", environment, "request", request));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProblemException keyReused(String key) {
    return ProblemException.unprocessable("Idempotency-Key " + key + " was used for a different request. Send the "
        + "same request again to get its result, or use a new key for a new install.");
  }

  private void store(UUID id, InstallPlan plan, Caller caller, String key, String hash) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("""
        insert into install (id, organization, environment, name, blueprint, idempotency_key, request_hash, plan,
                             status, created_at, created_by, updated_at)
        values (:id, :org, :env, :name, :bp, :key, :hash, :plan, 'Planned', :now, :actor, :now)""")
        .param("id", id).param("org", plan.organization()).param("env", plan.environment())
        .param("name", plan.name()).param("bp", plan.blueprint()).param("key", key).param("hash", hash)
        .param("plan", json.writeValueAsString(plan.withId(id.toString(),
            clock.instant().plus(properties.planTtl()))))
        .param("now", now).param("actor", caller.subject()).update();
  }

  private void saveSteps(UUID id, List<InstallStep> steps) {
    jdbc.sql("delete from install_step where install_id = :id").param("id", id).update();
    for (InstallStep s : steps) {
      jdbc.sql("insert into install_step (install_id, position, kind, target, status) values (:id, :p, :k, :t, :s)")
          .param("id", id).param("p", s.position()).param("k", s.kind().name()).param("t", s.target())
          .param("s", wire(s.status())).update();
    }
  }

  private List<InstallStep> steps(UUID id) {
    return jdbc.sql("select * from install_step where install_id = :id order by position").param("id", id)
        .query((rs, i) -> new InstallStep(rs.getInt("position"), InstallStep.Kind.valueOf(rs.getString("kind")),
            rs.getString("target"), status(rs.getString("status")))).list();
  }

  private static String wire(InstallStep.Status status) {
    return switch (status) {
      case PENDING -> "Pending";
      case DONE -> "Done";
      case COMPENSATED -> "Compensated";
      case COMPENSATION_FAILED -> "CompensationFailed";
    };
  }

  private static InstallStep.Status status(String wire) {
    return switch (wire) {
      case "Pending" -> InstallStep.Status.PENDING;
      case "Done" -> InstallStep.Status.DONE;
      case "Compensated" -> InstallStep.Status.COMPENSATED;
      default -> InstallStep.Status.COMPENSATION_FAILED;
    };
  }

  private record Row(UUID id, String environment, String status, String failure, InstallPlan plan,
      String requestHash, Instant createdAt, String createdBy) {}

  private Optional<Row> find(UUID id) {
    return jdbc.sql("select * from install where id = :id").param("id", id).query(this::row).optional();
  }

  private Optional<Row> findByKey(String organization, String key) {
    return jdbc.sql("select * from install where organization = :org and idempotency_key = :key")
        .param("org", organization).param("key", key).query(this::row).optional();
  }

  private Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Row(rs.getObject("id", UUID.class), rs.getString("environment"), rs.getString("status"),
        rs.getString("failure"), json.readValue(rs.getString("plan"), InstallPlan.class),
        rs.getString("request_hash"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
  }

  private InstallView view(Row row) {
    return new InstallView(row.id().toString(), row.status(), row.failure(), row.plan(), steps(row.id()),
        row.createdAt(), row.createdBy());
  }

  private static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
