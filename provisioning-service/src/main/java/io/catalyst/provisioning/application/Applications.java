package io.catalyst.provisioning.application;

import io.catalyst.provisioning.githost.BranchMoves;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.catalog.contract.CatalogApi;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.catalog.Catalog;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.githost.Codeowners;
import io.catalyst.provisioning.githost.Committer;
import io.catalyst.provisioning.githost.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.githost.SecretScanner;
import io.catalyst.provisioning.application.ApplicationStore.Row;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Applications of an Environment: the list (by status, backing services with "used by"), the detail read from the
 * Environment's branch of the Application's repository, and configuring it (a commit of {@code values.yaml}).
 */
@Service
public class Applications {

  /** An Application in a list. */
  public record Summary(String name, String environment, String blueprint, String version, String status,
      String hostname, String category, boolean backingService, List<String> dependsOn, List<String> usedBy,
      String repository, Instant installedAt, Integer readyPods, Integer desiredPods, String statusReason,
      Instant statusChangedAt) {}

  public record Page(List<Summary> items, int page, int size, long total, Map<String, Long> statuses) {}

  /** A commit of the Application's branch. */
  public record Commit(String sha, String author, String committer, Instant time, String message) {}

  public record History(List<Commit> items, int page, int size, long total) {}

  public record Detail(String name, String organization, String environment, String branch, String blueprint,
      String version, String status, String hostname, String category, boolean backingService,
      List<String> dependsOn, List<String> usedBy, String repository, Map<String, Object> config, String valuesYaml,
      Map<String, Object> placement, Commit lastCommit, History history, Integer readyPods, Integer desiredPods,
      String statusReason, Instant statusChangedAt, String overlayPath, String overlayYaml,
      Map<String, Object> overlay, Map<String, Object> effectiveConfig, Map<String, String> versions,
      boolean paused) {}

  /** The result of a configure: the commit on the Environment's branch. */
  public record Configured(String application, String branch, String path, String sha, String previousSha,
      boolean changed, String committer) {}

  private final ApplicationStore store;
  private final PauseStore pauses;
  private final GitRepositories git;
  private final Catalog catalog;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final SecretScanner scanner = new SecretScanner();
  private final BranchMoves moves;

  public Applications(ApplicationStore store, PauseStore pauses, GitRepositories git, Catalog catalog, Outbox outbox,
      TransactionTemplate tx, Clock clock, BranchMoves moves) {
    this.moves = moves;
    this.store = store;
    this.pauses = pauses;
    this.git = git;
    this.catalog = catalog;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  public Page list(Caller caller, String environment, String status, int page, int size) {
    EnvironmentName env = readable(caller, environment);
    if (page < 0 || size < 1 || size > 100) {
      throw ProblemException.invalid("size must be 1 to 100 and page at least 0", List.of(
          FieldProblem.field(page < 0 ? "page" : "size", page < 0 ? "must be at least 0" : "must be 1 to 100")));
    }
    List<Row> all = rows(env.toString());
    Map<String, Long> statuses = new LinkedHashMap<>();
    all.forEach(r -> statuses.merge(r.status(), 1L, Long::sum));
    List<Row> filtered = status == null ? all : all.stream().filter(r -> r.status().equalsIgnoreCase(status)).toList();
    List<Summary> items = filtered.stream().skip((long) page * size).limit(size)
        .map(r -> summary(r, all)).toList();
    return new Page(items, page, size, filtered.size(), statuses);
  }

  public Detail detail(Caller caller, String environment, String application, int historyPage, int historySize) {
    EnvironmentName env = readable(caller, environment);
    Row row = row(env, application);
    List<Row> all = rows(env.toString());
    RepositoryPath repo = new RepositoryPath(env.organization(), application);
    String branch = env.type().branch();
    boolean exists = git.exists(repo);
    String values = exists ? git.read(repo, branch, "values.yaml").orElse("{}\n") : "{}\n";
    String overlayPath = overlayPath(env);
    String overlayYaml = exists ? git.read(repo, branch, overlayPath).orElse("{}\n") : "{}\n";
    Map<String, String> versions = new LinkedHashMap<>();
    if (exists) {
      for (String b : git.branches(repo)) {
        git.read(repo, b, "blueprint.lock.yaml").map(Applications::parse).map(m -> m.get("version"))
            .ifPresent(v -> versions.put(b, String.valueOf(v)));
      }
    }
    Map<String, Object> placement = git.exists(repo)
        ? git.read(repo, branch, "placement.yaml").map(Applications::parse).orElse(Map.of()) : Map.of();
    String version = git.exists(repo) ? git.read(repo, branch, "blueprint.lock.yaml").map(Applications::parse)
        .map(m -> String.valueOf(m.getOrDefault("version", row.version()))).orElse(row.version()) : row.version();
    History history = history(repo, branch, historyPage, historySize);
    Summary s = summary(row, all);
    return new Detail(row.name(), env.organization(), env.toString(), branch, row.blueprint(), version, row.status(),
        row.hostname(), row.category(), row.backingService(), s.dependsOn(), s.usedBy(), repo.toString(),
        parse(values), values, placement, history.items().isEmpty() ? null : history.items().getFirst(), history,
        row.readyPods(), row.desiredPods(), row.statusReason(), row.statusChangedAt(), overlayPath, overlayYaml,
        parse(overlayYaml), merge(parse(values), parse(overlayYaml)), versions, paused(env, application));
  }

  public History history(Caller caller, String environment, String application, int page, int size) {
    EnvironmentName env = readable(caller, environment);
    row(env, application);
    return history(new RepositoryPath(env.organization(), application), env.type().branch(), page, size);
  }

  /**
   * Commits new values to the Environment's branch as the caller, after catalog-service validated them against the
   * installed version's configSchema. {@code expectedHead} (If-Match) guards against a concurrent edit: 409 naming
   * the current head.
   */
  public Configured configure(Caller caller, String environment, String application, Map<String, Object> values,
      String rawYaml, String expectedHead, String message) {
    EnvironmentName env = readable(caller, environment);
    Row row = row(env, application);
    if (!caller.mayChange(env.organization(), env.toString())) {
      throw ProblemException.forbidden("Configuring Applications in " + env + " needs org-admin, or org-developer "
          + "bound to " + env + "; ask an org-admin of your Organization.");
    }
    Map<String, Object> config = newConfig(values, rawYaml);
    RepositoryPath repo = new RepositoryPath(env.organization(), application);
    String branch = env.type().branch();
    String overlayPath = overlayPath(env);
    String head = git.head(repo, branch).orElseThrow(() -> ProblemException.conflict(
        "Branch " + branch + " of " + repo + " does not exist; the Application is not in " + env + " yet."));
    Map<String, Object> base = parse(git.read(repo, branch, "values.yaml").orElse("{}\n"));
    validate(row, branchVersion(repo, branch, row.version()), merge(base, config));
    String yaml = rawYaml != null && values == null ? rawYaml : overlayHeader(env) + dump(config);
    List<SecretScanner.Finding> secrets = scanner.scan(overlayPath, yaml);
    if (!secrets.isEmpty()) {
      throw ProblemException.invalid(overlayPath + " must not hold secret values; store them in OpenBao and "
          + "reference them (existingSecret, secretKeyRef, ref+openbao://…).", secrets.stream()
          .map(f -> FieldProblem.field(f.key() == null ? "values" : f.key(), f.problem())).toList());
    }
    String expected = expectedHead == null || expectedHead.isBlank() ? head : unquote(expectedHead);
    PersonIdent who = Committer.of(caller.subject(), clock);
    GitRepositories.Commit commit;
    try {
      commit = moves.commitIfHead(repo, branch, expected, new FileChanges().write(overlayPath, yaml), who,
          message == null || message.isBlank() ? "Configure " + application + " in " + env : message,
          BranchMoved.VIA_API);
    } catch (GitRepositories.HeadMoved moved) {
      throw headMoved(repo, branch, expected, moved, "Reload the config, apply your change to it and try again.");
    }
    if (commit.changed()) {
      tx.executeWithoutResult(s -> {
        store.touch(env.organization(), application, clock.instant());
        outbox.publish(CatalystEvent.of(ProvisioningEvents.APPLICATION_CONFIGURED,
                "applications/" + env.organization() + "/" + application, env.organization(),
                new ApplicationEvents.Configured(env.organization(), env.toString(), application, branch,
                    commit.sha(), expected, caller.subject()))
            .inEnvironment(env.toString()).by(caller.subject()));
      });
    }
    return new Configured(application, branch, overlayPath, commit.sha(), expected, commit.changed(),
        caller.subject());
  }

  /** A change as it would be committed, without committing it. */
  public record ChangePlan(String application, String branch, String head, List<FileDiff> files,
      List<ValueChange> values, List<String> usedBy, String dependencyImpact,
      io.catalyst.provisioning.billing.BillingClient.Quote price) {}

  public record FileDiff(String path, String diff) {}

  /** One value that changes, addressed by a JSON pointer; null {@code from} adds it, null {@code to} removes it. */
  public record ValueChange(String pointer, Object from, Object to) {}

  /**
   * Plans a config change: validated like {@link #configure}, answered as the diff of {@code values.yaml}, the values
   * that change, the Applications that depend on this one and the price change (billing) — nothing is committed.
   */
  public ChangePlan planChange(Caller caller, String environment, String application, Map<String, Object> values,
      String rawYaml, io.catalyst.provisioning.billing.BillingClient billing) {
    EnvironmentName env = readable(caller, environment);
    Row row = row(env, application);
    if (!caller.mayChange(env.organization(), env.toString())) {
      throw ProblemException.forbidden("Changing Applications in " + env + " needs org-admin, or org-developer bound "
          + "to " + env + "; ask an org-admin of your Organization.");
    }
    Map<String, Object> config = newConfig(values, rawYaml);
    RepositoryPath repo = new RepositoryPath(env.organization(), application);
    String branch = env.type().branch();
    String overlayPath = overlayPath(env);
    String head = git.head(repo, branch).orElse(null);
    Map<String, Object> base = head == null ? Map.of() : parse(git.read(repo, branch, "values.yaml").orElse("{}\n"));
    validate(row, head == null ? row.version() : branchVersion(repo, branch, row.version()), merge(base, config));
    String before = head == null ? "{}\n" : git.read(repo, branch, overlayPath).orElse("{}\n");
    String after = rawYaml != null && values == null ? rawYaml : overlayHeader(env) + dump(config);
    List<FileDiff> files = before.equals(after) ? List.of()
        : List.of(new FileDiff(overlayPath, diff(overlayPath, before, after)));
    List<ValueChange> changes = new ArrayList<>();
    compare("", merge(base, parse(before)), merge(base, config), changes);
    List<String> usedBy = rows(env.toString()).stream().filter(r -> r.dependsOn().contains(application))
        .map(Row::name).toList();
    String impact = usedBy.isEmpty() ? "No other Application depends on " + application + "."
        : String.join(", ", usedBy) + " depend" + (usedBy.size() == 1 ? "s" : "") + " on " + application
            + "; Flux re-applies them after it when the change is committed.";
    return new ChangePlan(application, branch, head, files, changes, usedBy, impact, billing.quote(
        env.organization(), env.toString(), List.of(new io.catalyst.provisioning.billing.BillingClient.Item(
            application, row.blueprint(), row.version()))));
  }

  private Map<String, Object> newConfig(Map<String, Object> values, String rawYaml) {
    Map<String, Object> config = values;
    if (config == null && rawYaml != null) {
      try {
        config = parse(rawYaml);
      } catch (RuntimeException e) {
        throw ProblemException.invalid("The YAML could not be read: " + e.getMessage().lines().findFirst().orElse(""),
            List.of(FieldProblem.field("yaml", "must be a YAML mapping")));
      }
    }
    if (config == null) {
      throw ProblemException.invalid("Send the new config as values (JSON) or yaml (text).",
          List.of(FieldProblem.field("values", "is required")));
    }
    return config;
  }

  void validate(Row row, String version, Map<String, Object> config) {
    CatalogApi.Validation validation = catalog.validate(row.blueprint(), version, config);
    if (!validation.valid()) {
      throw ProblemException.invalid("The config does not match " + row.blueprint() + " " + version
          + "'s configSchema; fix the values below.", validation.errors().stream()
          .map(e -> FieldProblem.pointer("/values" + e.pointer(), e.message())).toList());
    }
  }

  @SuppressWarnings("unchecked")
  static void compare(String pointer, Object before, Object after, List<ValueChange> out) {
    if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
      java.util.TreeSet<String> keys = new java.util.TreeSet<>();
      ((Map<String, Object>) b).keySet().forEach(keys::add);
      ((Map<String, Object>) a).keySet().forEach(keys::add);
      for (String key : keys) {
        compare(pointer + "/" + key.replace("~", "~0").replace("/", "~1"), b.get(key), a.get(key), out);
      }
    } else if (!java.util.Objects.equals(before, after)) {
      out.add(new ValueChange(pointer.isEmpty() ? "/" : pointer, before, after));
    }
  }

  static String diff(String path, String before, String after) {
    org.eclipse.jgit.diff.RawText a = new org.eclipse.jgit.diff.RawText(before.getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    org.eclipse.jgit.diff.RawText b = new org.eclipse.jgit.diff.RawText(after.getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    org.eclipse.jgit.diff.EditList edits = org.eclipse.jgit.diff.DiffAlgorithm.getAlgorithm(
        org.eclipse.jgit.diff.DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
        .diff(org.eclipse.jgit.diff.RawTextComparator.DEFAULT, a, b);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.eclipse.jgit.diff.DiffFormatter formatter = new org.eclipse.jgit.diff.DiffFormatter(out)) {
      out.write(("--- a/" + path + "\n+++ b/" + path + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      formatter.format(edits, a, b);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Applications of an Organization for integrations; {@code backstage}: Backstage {@code Component} entities. */
  public record Portal(List<Object> items, int page, int size, long total) {}

  public Portal portal(Caller caller, String organization, boolean backstage, String gitBaseUrl, int page, int size) {
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
      out.add(backstage ? component(r, gitBaseUrl) : summary(r, List.of()));
    }
    return new Portal(out, page, size, store.count(org));
  }

  /** A Backstage Component: owner from CODEOWNERS, system = the Organization, lifecycle from the Environment. */
  private Map<String, Object> component(Row r, String gitBaseUrl) {
    EnvironmentName env = EnvironmentName.parse(r.environment()).orElseThrow();
    RepositoryPath repo = new RepositoryPath(env.organization(), r.name());
    String owner = git.exists(repo) ? git.read(repo, env.type().branch(), "CODEOWNERS").flatMap(Applications::owner)
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

  // ---------------------------------------------------------------------------------------------------------------

  List<Row> rows(String environment) {
    return store.inEnvironment(environment);
  }

  Row row(EnvironmentName env, String application) {
    return rows(env.toString()).stream().filter(r -> r.name().equals(application)).findFirst()
        .orElseThrow(() -> ProblemException.notFound("Application " + application + " in " + env));
  }

  private static Summary summary(Row row, List<Row> all) {
    List<String> usedBy = all.stream().filter(o -> o.dependsOn().contains(row.name())).map(Row::name).toList();
    return new Summary(row.name(), row.environment(), row.blueprint(), row.version(), row.status(), row.hostname(),
        row.category(), row.backingService(), row.dependsOn(), usedBy,
        EnvironmentName.parse(row.environment()).map(EnvironmentName::organization).orElse("") + "/" + row.name(),
        row.createdAt(), row.readyPods(), row.desiredPods(), row.statusReason(), row.statusChangedAt());
  }

  private History history(RepositoryPath repo, String branch, int page, int size) {
    if (page < 0 || size < 1 || size > 100) {
      throw ProblemException.invalid("size must be 1 to 100 and page at least 0", List.of(
          FieldProblem.field(page < 0 ? "page" : "size", page < 0 ? "must be at least 0" : "must be 1 to 100")));
    }
    if (!git.exists(repo)) {
      return new History(List.of(), page, size, 0);
    }
    List<Commit> items = new ArrayList<>();
    for (GitRepositories.LogEntry e : git.log(repo, branch, page * size, size)) {
      items.add(new Commit(e.sha(), e.author(), e.committer(), e.time(), e.message()));
    }
    return new History(items, page, size, git.count(repo, branch));
  }

  /**
   * Authorizes reading {@code environment}'s Applications (the list's rule) and answers its name: for the status
   * stream.
   */
  public String authorizeRead(Caller caller, String environment) {
    return readable(caller, environment).toString();
  }

  /** Members of the Organization read (not billing-admin); another Organization's Environment is 404. */
  static EnvironmentName readable(Caller caller, String environment) {
    EnvironmentName env = EnvironmentName.parse(environment)
        .orElseThrow(() -> ProblemException.notFound("Environment " + environment));
    caller.requireVisible(env.organization(), "Environment " + environment);
    caller.requireRole(Role.ORG_ADMIN, Role.ORG_DEVELOPER, Role.ORG_VIEWER, Role.SECURITY_OFFICER);
    return env;
  }

  /** The values file of {@code env}'s overlay: {@code overlays/<env_type>/values.yaml}. */
  static String overlayPath(EnvironmentName env) {
    return "overlays/" + env.type().code() + "/values.yaml";
  }

  /**
   * The values an Application runs with in {@code env}: its branch's {@code values.yaml} with the Environment's
   * overlay applied over it (what Flux would render). Empty when the repo or branch does not exist.
   */
  public static Map<String, Object> effectiveValues(GitRepositories git, RepositoryPath repo, EnvironmentName env) {
    if (!git.exists(repo)) {
      return Map.of();
    }
    String branch = env.type().branch();
    return merge(git.read(repo, branch, "values.yaml").map(Applications::parse).orElse(Map.of()),
        git.read(repo, branch, overlayPath(env)).map(Applications::parse).orElse(Map.of()));
  }

  private static String overlayHeader(EnvironmentName env) {
    return "# Values of the " + env.type().code() + " Environment only (applied over ../../values.yaml).\n";
  }

  /** The Blueprint version {@code blueprint.lock.yaml} pins on {@code branch}. */
  String branchVersion(RepositoryPath repo, String branch, String fallback) {
    return git.read(repo, branch, "blueprint.lock.yaml").map(Applications::parse)
        .map(m -> m.get("version")).map(String::valueOf).orElse(fallback);
  }

  boolean paused(EnvironmentName env, String application) {
    return pauses.find(env.organization(), application).isPresent();
  }

  /** {@code overlay} applied over {@code base}: maps merge key by key, anything else replaces. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    overlay.forEach((key, value) -> {
      if (value instanceof Map<?, ?> o && out.get(key) instanceof Map<?, ?> b) {
        out.put(key, merge((Map<String, Object>) b, (Map<String, Object>) o));
      } else {
        out.put(key, value);
      }
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yaml) {
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (loaded == null) {
      return Map.of();
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("not a mapping");
    }
    return (Map<String, Object>) map;
  }

  static String dump(Map<String, Object> values) {
    if (values.isEmpty()) {
      return "{}\n";
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setSplitLines(false);
    return new Yaml(options).dump(values);
  }

  /** 409 for a compare-and-set commit whose branch moved meanwhile, naming the current head. */
  static ProblemException headMoved(RepositoryPath repo, String branch, String expected,
      GitRepositories.HeadMoved moved, String whatToDo) {
    return ProblemException.conflict("Branch " + branch + " of " + repo + " moved: its head is now "
            + moved.currentHead() + ", not " + expected + ". " + whatToDo)
        .with("currentHead", moved.currentHead());
  }

  static String unquote(String etag) {
    String s = etag.trim();
    if (s.startsWith("W/")) {
      s = s.substring(2);
    }
    return s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
  }
}
