package io.catalyst.provisioning.application;

import static io.catalyst.provisioning.application.ApplicationValues.compare;
import static io.catalyst.provisioning.application.ApplicationValues.diff;
import static io.catalyst.provisioning.application.ApplicationValues.dump;
import static io.catalyst.provisioning.application.ApplicationValues.merge;
import static io.catalyst.provisioning.application.ApplicationValues.overlayHeader;
import static io.catalyst.provisioning.application.ApplicationValues.overlayPath;
import static io.catalyst.provisioning.application.ApplicationValues.parse;

import io.catalyst.provisioning.githost.BranchMoves;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.platform.git.Committer;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.githost.SecretScanner;
import io.catalyst.provisioning.application.ApplicationStore.Row;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Configuration changes of an Application: a commit of the Environment's overlay ({@code overlays/<env>/values.yaml})
 * after catalog-service validated the effective values, or the same change planned without committing it.
 */
@Service
public class ConfigChanges {

  private final SecretScanner scanner = new SecretScanner();
  private final ApplicationStore store;
  private final Applications applications;
  private final GitRepositories git;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final BranchMoves moves;

  public ConfigChanges(ApplicationStore store, Applications applications, GitRepositories git, Outbox outbox,
      TransactionTemplate tx, Clock clock, BranchMoves moves) {
    this.store = store;
    this.applications = applications;
    this.git = git;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.moves = moves;
  }

  /**
   * Commits new values to the Environment's branch as the caller, after catalog-service validated them against the
   * installed version's configSchema. {@code expectedHead} (If-Match) guards against a concurrent edit: 409 naming
   * the current head.
   */
  public Applications.Configured configure(Caller caller, String environment, String application,
      Map<String, Object> values, String rawYaml, String expectedHead, String message) {
    EnvironmentName env = Applications.readable(caller, environment);
    Row row = applications.row(env, application);
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
    applications.validate(row, applications.branchVersion(repo, branch, row.version()), merge(base, config));
    String yaml = rawYaml != null && values == null ? rawYaml : overlayHeader(env) + dump(config);
    List<SecretScanner.Finding> secrets = scanner.scan(overlayPath, yaml);
    if (!secrets.isEmpty()) {
      throw ProblemException.invalid(overlayPath + " must not hold secret values; store them in OpenBao and "
          + "reference them (existingSecret, secretKeyRef, ref+openbao://…).", secrets.stream()
          .map(f -> FieldProblem.field(f.key() == null ? "values" : f.key(), f.problem())).toList());
    }
    String expected = expectedHead == null || expectedHead.isBlank() ? head : Applications.unquote(expectedHead);
    PersonIdent who = Committer.ident(caller.subject(), clock);
    GitRepositories.Commit commit;
    try {
      commit = moves.commitIfHead(repo, branch, expected, new FileChanges().write(overlayPath, yaml), who,
          message == null || message.isBlank() ? "Configure " + application + " in " + env : message,
          BranchMoved.VIA_API);
    } catch (GitRepositories.HeadMoved moved) {
      throw Applications.headMoved(repo, branch, expected, moved,
          "Reload the config, apply your change to it and try again.");
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
    return new Applications.Configured(application, branch, overlayPath, commit.sha(), expected, commit.changed(),
        caller.subject());
  }

  /**
   * Plans a config change: validated like {@link #configure}, answered as the diff of {@code values.yaml}, the values
   * that change, the Applications that depend on this one and the price change (billing) — nothing is committed.
   */
  public Applications.ChangePlan planChange(Caller caller, String environment, String application,
      Map<String, Object> values, String rawYaml, io.catalyst.provisioning.billing.BillingClient billing) {
    EnvironmentName env = Applications.readable(caller, environment);
    Row row = applications.row(env, application);
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
    applications.validate(row, head == null ? row.version() : applications.branchVersion(repo, branch, row.version()),
        merge(base, config));
    String before = head == null ? "{}\n" : git.read(repo, branch, overlayPath).orElse("{}\n");
    String after = rawYaml != null && values == null ? rawYaml : overlayHeader(env) + dump(config);
    List<Applications.FileDiff> files = before.equals(after) ? List.of()
        : List.of(new Applications.FileDiff(overlayPath, diff(overlayPath, before, after)));
    List<Applications.ValueChange> changes = new ArrayList<>();
    compare("", merge(base, parse(before)), merge(base, config), changes);
    List<String> usedBy = applications.rows(env.toString()).stream().filter(r -> r.dependsOn().contains(application))
        .map(Row::name).toList();
    String impact = usedBy.isEmpty() ? "No other Application depends on " + application + "."
        : String.join(", ", usedBy) + " depend" + (usedBy.size() == 1 ? "s" : "") + " on " + application
            + "; Flux re-applies them after it when the change is committed.";
    return new Applications.ChangePlan(application, branch, head, files, changes, usedBy, impact, billing.quote(
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
}
