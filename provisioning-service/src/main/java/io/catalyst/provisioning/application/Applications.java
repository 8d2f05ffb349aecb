package io.catalyst.provisioning.application;

import static io.catalyst.provisioning.application.ApplicationValues.merge;
import static io.catalyst.provisioning.application.ApplicationValues.overlayPath;
import static io.catalyst.provisioning.application.ApplicationValues.parse;

import io.catalyst.catalog.contract.CatalogApi;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.catalog.Catalog;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.application.ApplicationStore.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The Applications of an Environment: the list (by status, backing services with "used by") and the detail read from
 * the Environment's branch of the Application's repository; the rules every operation shares (who reads, the row, the
 * values' validation). Configuring is {@link ConfigChanges}, the Backstage view {@link BackstageView}.
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

  public Applications(ApplicationStore store, PauseStore pauses, GitRepositories git, Catalog catalog) {
    this.store = store;
    this.pauses = pauses;
    this.git = git;
    this.catalog = catalog;
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
        git.read(repo, b, "blueprint.lock.yaml").map(ApplicationValues::parse).map(m -> m.get("version"))
            .ifPresent(v -> versions.put(b, String.valueOf(v)));
      }
    }
    Map<String, Object> placement = git.exists(repo)
        ? git.read(repo, branch, "placement.yaml").map(ApplicationValues::parse).orElse(Map.of()) : Map.of();
    String version = git.exists(repo) ? git.read(repo, branch, "blueprint.lock.yaml").map(ApplicationValues::parse)
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

  /** A change as it would be committed, without committing it. */
  public record ChangePlan(String application, String branch, String head, List<FileDiff> files,
      List<ValueChange> values, List<String> usedBy, String dependencyImpact,
      io.catalyst.provisioning.billing.BillingClient.Quote price) {}

  public record FileDiff(String path, String diff) {}

  /** One value that changes, addressed by a JSON pointer; null {@code from} adds it, null {@code to} removes it. */
  public record ValueChange(String pointer, Object from, Object to) {}

  void validate(Row row, String version, Map<String, Object> config) {
    CatalogApi.Validation validation = catalog.validate(row.blueprint(), version, config);
    if (!validation.valid()) {
      throw ProblemException.invalid("The config does not match " + row.blueprint() + " " + version
          + "'s configSchema; fix the values below.", validation.errors().stream()
          .map(e -> FieldProblem.pointer("/values" + e.pointer(), e.message())).toList());
    }
  }

  /** Applications of an Organization for integrations; {@code backstage}: Backstage {@code Component} entities. */
  public record Portal(List<Object> items, int page, int size, long total) {}


  // ---------------------------------------------------------------------------------------------------------------

  List<Row> rows(String environment) {
    return store.inEnvironment(environment);
  }

  Row row(EnvironmentName env, String application) {
    return rows(env.toString()).stream().filter(r -> r.name().equals(application)).findFirst()
        .orElseThrow(() -> ProblemException.notFound("Application " + application + " in " + env));
  }

  static Summary summary(Row row, List<Row> all) {
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


  /** The Blueprint version {@code blueprint.lock.yaml} pins on {@code branch}. */
  String branchVersion(RepositoryPath repo, String branch, String fallback) {
    return git.read(repo, branch, "blueprint.lock.yaml").map(ApplicationValues::parse)
        .map(m -> m.get("version")).map(String::valueOf).orElse(fallback);
  }

  boolean paused(EnvironmentName env, String application) {
    return pauses.find(env.organization(), application).isPresent();
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
