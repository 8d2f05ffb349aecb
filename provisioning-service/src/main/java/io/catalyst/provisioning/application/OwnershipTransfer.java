package io.catalyst.provisioning.application;

import io.catalyst.provisioning.githost.BranchMoves;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.platform.git.Committer;
import io.catalyst.platform.git.Codeowners;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.identity.Teams;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Transfers an Application's ownership: a {@code CODEOWNERS} commit on every Environment branch. */
@Service
class OwnershipTransfer {

  private static final Pattern TEAM = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

  private final GitRepositories git;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Applications applications;
  private final Teams teams;
  private final BranchMoves moves;

  OwnershipTransfer(GitRepositories git, Outbox outbox, TransactionTemplate tx, Clock clock, Applications applications, Teams teams, BranchMoves moves) {
    this.git = git;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.applications = applications;
    this.teams = teams;
    this.moves = moves;
  }

  /**
   * Makes {@code team} (which must exist in identity-service) the owner: the {@code CODEOWNERS} of every Environment
   * branch names {@code @{org}/{team}} where it named the previous owning team, and in the catch-all rule. org-admin
   * only: the commit lands on every branch, production's included.
   */
  ApplicationOperations.Ownership transfer(Caller caller, String environment, String application, String team) {
    EnvironmentName env = Applications.readable(caller, environment);
    applications.row(env, application);
    caller.requireRole(Role.ORG_ADMIN);
    if (team == null || team.isBlank() || !TEAM.matcher(team).matches() || team.contains("--")
        || team.endsWith("-")) {
      throw ProblemException.invalid("Name the team that takes over, e.g. \"team-shop\".",
          List.of(FieldProblem.field("team", team == null || team.isBlank() ? "is required"
              : "must be a team name: lower-case letters, digits and single hyphens, starting with a letter")));
    }
    String org = env.organization();
    if (!teams.exists(org, team)) {
      throw ProblemException.unprocessable("There is no team " + team + " in " + org + ". Create it in the "
              + "Organization's teams first, then transfer the ownership.")
          .with("errors", List.of(Map.of("field", "team", "message", "no such team in " + org)));
    }
    RepositoryPath repo = new RepositoryPath(org, application);
    Map<String, String> heads = git.heads(repo);
    String previous = git.read(repo, EnvironmentType.PROD.branch(), "CODEOWNERS")
        .or(() -> git.read(repo, env.type().branch(), "CODEOWNERS"))
        .flatMap(text -> Codeowners.parse(text).catchAllOwner()).orElse(null);
    Map<String, String> commits = new LinkedHashMap<>();
    boolean changed = false;
    for (String branch : heads.keySet()) {
      if (EnvironmentType.ofBranch(branch).isEmpty()) {
        continue;
      }
      String text = git.read(repo, branch, "CODEOWNERS").orElse("");
      String next = codeowners(text, org, application, previous, team);
      GitRepositories.Commit commit = moves.commit(repo, branch, new FileChanges().write("CODEOWNERS", next),
          Committer.ident(caller.subject(), clock), "Transfer ownership of " + application + " to " + team,
          BranchMoved.VIA_API);
      commits.put(branch, commit.sha());
      changed |= commit.changed();
    }
    if (changed) {
      Map<String, String> made = Map.copyOf(commits);
      tx.executeWithoutResult(s -> outbox.publish(CatalystEvent.of(ProvisioningEvents.APPLICATION_OWNER_CHANGED,
              "applications/" + org + "/" + application, org,
              new ApplicationEvents.OwnerChanged(org, env.toString(), application, team, previous, made, caller.subject()))
          .inEnvironment(env.toString()).by(caller.subject())));
    }
    return new ApplicationOperations.Ownership(application, team, previous, commits, changed, "@" + org + "/" + team);
  }

  /** {@code CODEOWNERS} with the previous owning team replaced by {@code team}, and a catch-all rule naming it. */
  static String codeowners(String text, String org, String application, String previous, String team) {
    String owner = "@" + org + "/" + team;
    StringBuilder out = new StringBuilder();
    boolean catchAll = false;
    for (String line : text.lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.startsWith("*") && trimmed.split("\\s+")[0].equals("*")) {
        out.append("* ").append(owner).append('\n');
        catchAll = true;
      } else if (previous != null && !trimmed.startsWith("#")) {
        out.append(line.replaceAll("(?<=\\s)@" + Pattern.quote(org + "/" + previous) + "(?=\\s|$)",
            Matcher.quoteReplacement(owner))).append('\n');
      } else {
        out.append(line).append('\n');
      }
    }
    if (!catchAll) {
      if (out.isEmpty()) {
        out.append("# Owners of ").append(application)
            .append(": reviews of changes and approvals of promotions name this team.\n");
      }
      out.append("* ").append(owner).append('\n');
    }
    return out.toString();
  }
}
