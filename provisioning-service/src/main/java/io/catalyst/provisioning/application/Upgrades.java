package io.catalyst.provisioning.application;

import io.catalyst.provisioning.githost.BranchMoves;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.catalog.contract.CatalogApi;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.catalog.Catalog;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.platform.git.Committer;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import io.catalyst.platform.core.semver.Version;
import io.catalyst.platform.core.semver.VersionRange;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Upgrades (and downgrades) an Application's Blueprint version on its lowest Environment branch. */
@Service
class Upgrades {

  private final ApplicationStore store;
  private final GitRepositories git;
  private final Catalog catalog;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Applications applications;
  private final BranchMoves moves;

  Upgrades(ApplicationStore store, GitRepositories git, Catalog catalog, Outbox outbox, TransactionTemplate tx, Clock clock, Applications applications, BranchMoves moves) {
    this.store = store;
    this.git = git;
    this.catalog = catalog;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.applications = applications;
    this.moves = moves;
  }

  /**
   * Moves the lowest Environment branch ({@code develop}, or {@code main} for an Organization with only production;
   * {@link #upgradeTarget}) to another version of the Application's Blueprint: {@code blueprint.lock.yaml},
   * {@code release.yaml} (the chart version), {@code kustomization.yaml} (the version label) and {@code values.yaml}
   * (the new version's defaults where the old defaults were, the user's own values kept). The catalog checks the
   * version exists (404), the values against its configSchema (400) and that it resolves (422); a downgrade needs
   * {@code force}. From there the change reaches the other Environments through promotions.
   */
  ApplicationOperations.Upgrade upgrade(Caller caller, String environment, String application, String version, boolean force,
      boolean dryRun, String expectedHead, String message) {
    EnvironmentName env = Applications.readable(caller, environment);
    ApplicationStore.Row row = applications.row(env, application);
    RepositoryPath repo = new RepositoryPath(env.organization(), application);
    EnvironmentType lowest = upgradeTarget(git.exists(repo) ? git.branches(repo) : List.of());
    String branch = lowest.branch();
    String dev = EnvironmentName.of(env.organization(), lowest).toString();
    if (!caller.mayChange(env.organization(), dev)) {
      throw ProblemException.forbidden("An upgrade is a commit on " + branch + ", the branch of " + dev + "; it "
          + "needs org-admin, or org-developer bound to " + dev + ". Ask an org-admin of your Organization.");
    }
    if (version == null || version.isBlank()) {
      throw ProblemException.invalid("Say which version to upgrade to.",
          List.of(FieldProblem.field("version", "is required")));
    }
    String head = git.exists(repo) ? git.head(repo, branch).orElse(null) : null;
    if (head == null) {
      throw ProblemException.conflict("Branch " + branch + " of " + repo + " does not exist; nothing to "
          + "upgrade.");
    }
    String current = applications.branchVersion(repo, branch, row.version());
    CatalogApi.Detail target = catalog.detail(env.organization(), row.blueprint(), version.trim());
    String to = target.version() != null ? target.version() : version.trim();
    int order = compareVersions(to, current);
    if (order < 0 && !force) {
      throw ProblemException.unprocessable(row.blueprint() + " " + to + " is older than " + current + ", the "
              + "version on " + branch + ". A downgrade can lose data the newer version migrated; send "
              + "\"force\": true if you mean it.")
          .with("currentVersion", current).with("requestedVersion", to);
    }
    boolean noPath = order > 0 && !upgradableFrom(target.upgradesFrom(), current);
    if (noPath && !force) {
      throw ProblemException.unprocessable(row.blueprint() + " " + to + " can be upgraded to only from "
              + String.join(", ", target.upgradesFrom()) + "; " + branch + " has " + current + ". Upgrade "
              + "to a version in between first, or send \"force\": true to replace it (its data may not carry over).")
          .with("currentVersion", current).with("requestedVersion", to).with("upgradesFrom", target.upgradesFrom());
    }
    String before = git.read(repo, branch, "values.yaml").orElse("{}\n");
    Map<String, Object> values = ApplicationValues.parse(before);
    Map<String, Object> oldDefaults = Map.of();
    if (order != 0) {
      try {
        oldDefaults = defaults(catalog.detail(env.organization(), row.blueprint(), current).configSchema());
      } catch (ProblemException gone) {
        oldDefaults = Map.of(); // the installed version is no longer published: every value counts as the user's
      }
    }
    Map<String, Object> upgraded = order == 0 ? values
        : upgradeValues(values, oldDefaults, defaults(target.configSchema()));
    applications.validate(row, to, upgraded);
    CatalogApi.Resolution resolution = catalog.resolve(env.organization(), row.blueprint(), to, upgraded,
        List.of());
    if (!resolution.resolved()) {
      throw new ProblemException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, Catalog.UNRESOLVABLE,
          "Dependencies cannot be resolved", row.blueprint() + " " + to + "'s dependencies cannot be resolved: "
              + String.join("; ", resolution.warnings() == null ? List.of() : resolution.warnings()))
          .with("problems", resolution.warnings() == null ? List.of() : resolution.warnings());
    }
    Map<String, String> files = new LinkedHashMap<>();
    String lock = git.read(repo, branch, "blueprint.lock.yaml").orElse("");
    files.put("blueprint.lock.yaml", lock(lock, row.blueprint(), to, target.digest()));
    git.read(repo, branch, "release.yaml")
        .ifPresent(r -> files.put("release.yaml", firstMatchReplaced(r, RELEASE_VERSION, to)));
    git.read(repo, branch, "kustomization.yaml")
        .ifPresent(k -> files.put("kustomization.yaml", firstMatchReplaced(k, LABEL_VERSION, to)));
    String valuesYaml = upgraded.equals(values) ? before : ApplicationValues.dump(upgraded);
    files.put("values.yaml", valuesYaml);
    List<Applications.FileDiff> diffs = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      String old = git.read(repo, branch, f.getKey()).orElse("");
      if (!old.equals(f.getValue())) {
        diffs.add(new Applications.FileDiff(f.getKey(), ApplicationValues.diff(f.getKey(), old, f.getValue())));
      }
    }
    List<Applications.ValueChange> changes = new ArrayList<>();
    ApplicationValues.compare("", values, upgraded, changes);
    boolean downgrade = order < 0;
    boolean forced = force && (downgrade || noPath);
    if (dryRun || diffs.isEmpty()) {
      return new ApplicationOperations.Upgrade(application, branch, current, to, downgrade, forced, dryRun, false,
          dryRun ? null : head, head, diffs, changes, caller.subject());
    }
    String expected = expectedHead == null || expectedHead.isBlank() ? head : Applications.unquote(expectedHead);
    GitRepositories.Commit commit;
    try {
      commit = moves.commitIfHead(repo, branch, expected, FileChanges.of(files),
          Committer.ident(caller.subject(), clock),
          message == null || message.isBlank()
              ? (downgrade ? "Downgrade " : "Upgrade ") + application + " to " + row.blueprint() + "@" + to
              : message, BranchMoved.VIA_API);
    } catch (GitRepositories.HeadMoved moved) {
      throw Applications.headMoved(repo, branch, expected, moved, "Reload and try again.");
    }
    tx.executeWithoutResult(s -> {
      if (env.type() == lowest) {
        store.upgraded(env.organization(), application, to, target.digest(), clock.instant());
      }
      outbox.publish(CatalystEvent.of(ProvisioningEvents.APPLICATION_UPGRADED,
              "applications/" + env.organization() + "/" + application, env.organization(),
              new ApplicationEvents.Upgraded(env.organization(), dev, application, branch, current, to, commit.sha(),
                  expected, forced, caller.subject()))
          .inEnvironment(dev).by(caller.subject()));
    });
    return new ApplicationOperations.Upgrade(application, branch, current, to, downgrade, forced, false,
        commit.changed(), commit.sha(), expected, diffs, changes, caller.subject());
  }

  /**
   * The Environment whose branch an upgrade commits to: the lowest of the repository's in the chain develop → staging
   * → uat → main ({@code develop} when the Organization has {@code {org}-dev}; {@code main} for an Organization with
   * only production, which changes its Applications directly). From there promotions carry it up.
   */
  static EnvironmentType upgradeTarget(java.util.Collection<String> branches) {
    for (EnvironmentType type : List.of(EnvironmentType.DEV, EnvironmentType.STG, EnvironmentType.UAT,
        EnvironmentType.PROD)) {
      if (branches.contains(type.branch())) {
        return type;
      }
    }
    return EnvironmentType.DEV;
  }

  private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^(\\s+version: )\"[^\"]*\"");
  private static final Pattern LABEL_VERSION = Pattern.compile("(?m)^(\\s+openova.io/blueprint-version: )\"[^\"]*\"");

  private static String firstMatchReplaced(String text, Pattern pattern, String version) {
    Matcher m = pattern.matcher(text);
    return m.find() ? text.substring(0, m.start()) + m.group(1) + "\"" + version + "\"" + text.substring(m.end())
        : text;
  }

  private static String lock(String previous, String blueprint, String version, String digest) {
    StringBuilder out = new StringBuilder();
    previous.lines().filter(l -> l.startsWith("#")).forEach(l -> out.append(l).append('\n'));
    if (out.isEmpty()) {
      out.append("# The Blueprint this Application was installed from. Upgrading edits the version here and in "
          + "release.yaml.\n");
    }
    return out + "blueprint: " + blueprint + "\nversion: " + version + "\ndigest: " + digest + "\n";
  }

  /**
   * The values after an upgrade: a value equal to the old version's default follows the new default (or goes when
   * the new version has none), anything else is the user's and stays; new defaults are added.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> upgradeValues(Map<String, Object> values, Map<String, Object> oldDefaults,
      Map<String, Object> newDefaults) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested && (oldDefaults.get(key) instanceof Map<?, ?>
          || newDefaults.get(key) instanceof Map<?, ?>)) {
        out.put(key, upgradeValues((Map<String, Object>) nested,
            oldDefaults.get(key) instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of(),
            newDefaults.get(key) instanceof Map<?, ?> n ? (Map<String, Object>) n : Map.of()));
      } else if (oldDefaults.containsKey(key) && Objects.equals(oldDefaults.get(key), value)) {
        if (newDefaults.containsKey(key)) {
          out.put(key, newDefaults.get(key));
        }
      } else {
        out.put(key, value);
      }
    }
    newDefaults.forEach(out::putIfAbsent);
    return out;
  }

  /** The defaults a JSON Schema declares ({@code properties.*.default}, nested objects included). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> defaults(Map<String, Object> schema) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (schema == null || !(schema.get("properties") instanceof Map<?, ?> properties)) {
      return out;
    }
    ((Map<String, Object>) properties).forEach((key, p) -> {
      if (p instanceof Map<?, ?> property) {
        if (property.containsKey("default")) {
          out.put(key, property.get("default"));
        } else {
          Map<String, Object> nested = defaults((Map<String, Object>) property);
          if (!nested.isEmpty()) {
            out.put(key, nested);
          }
        }
      }
    });
    return out;
  }

  /**
   * Whether {@code version} matches one of a Blueprint's {@code upgrades.from} patterns, read as semver ranges
   * (x-ranges {@code 25.0.x}, {@code 26.x}, {@code *}, exact versions, and the other npm forms); a prerelease counts as
   * its release. No patterns: any version may upgrade. A pattern that is not a range matches nothing.
   */
  static boolean upgradableFrom(List<String> patterns, String version) {
    if (patterns == null || patterns.isEmpty()) {
      return true;
    }
    Version have = Version.parse(version).release();
    return patterns.stream().map(VersionRange::tryParse).flatMap(java.util.Optional::stream)
        .anyMatch(range -> range.isSatisfiedBy(have));
  }

  /** Semantic versions in semver order ({@code 8.1.10 > 8.1.9}); a pre-release is below its release. */
  static int compareVersions(String a, String b) {
    return Version.parse(a).compareTo(Version.parse(b));
  }
}
