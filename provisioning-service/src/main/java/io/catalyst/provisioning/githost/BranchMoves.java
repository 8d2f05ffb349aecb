package io.catalyst.provisioning.githost;

import io.catalyst.platform.git.FileChanges;
import io.catalyst.platform.core.RequestContext;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of branch moves: every commit this service makes goes through here, and every move it accepts (a
 * push) or finds (the reconciler) is reported here. It records the branch's head ({@code branch_head}, with the
 * {@code Clock}) and publishes {@code branch.moved.v1} in one transaction — the caller's when it has one — under an id
 * derived from repository, branch and new head, so a move reported twice is one event.
 *
 * <p>A process that dies between the Git update and that transaction leaves a move the {@link BranchHeadReconciler}
 * finds and reports (never lost).
 */
@Component
public class BranchMoves {

  private final GitRepositories git;
  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;

  public BranchMoves(GitRepositories git, JdbcClient jdbc, Outbox outbox, TransactionTemplate tx, Clock clock) {
    this.git = git;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  /** {@link GitRepositories#commit}, reported as moved {@code via}. */
  public GitRepositories.Commit commit(RepositoryPath repo, String branch, FileChanges changes, PersonIdent author,
      String message, String via) {
    GitRepositories.Commit commit = git.commit(repo, branch, changes, author, message);
    reportCommit(repo, commit, via, author.getName());
    return commit;
  }

  /** {@link GitRepositories#commitIfHead}, reported as moved {@code via}. */
  public GitRepositories.Commit commitIfHead(RepositoryPath repo, String branch, String expectedHead,
      FileChanges changes, PersonIdent author, String message, String via) {
    GitRepositories.Commit commit = git.commitIfHead(repo, branch, expectedHead, changes, author, message);
    reportCommit(repo, commit, via, author.getName());
    return commit;
  }

  /** {@link GitRepositories#initialize}: every branch it creates is reported as created {@code via}. */
  public GitRepositories.Commit initialize(RepositoryPath repo, String first, List<String> branches,
      FileChanges changes, PersonIdent author, String message, String via) {
    java.util.Map<String, String> before = git.heads(repo);
    GitRepositories.Commit commit = git.initialize(repo, first, branches, changes, author, message);
    java.util.Map<String, String> after = git.heads(repo);
    tx.executeWithoutResult(status -> after.forEach((branch, sha) -> {
      if (!sha.equals(before.get(branch))) {
        moved(repo, branch, before.get(branch), sha, via, author.getName());
      }
    }));
    return commit;
  }

  /**
   * Records that {@code branch} of {@code repo} moved from {@code oldSha} to {@code newSha} (null: created, deleted)
   * and publishes {@code branch.moved.v1}, in the current transaction or a new one. Answers false when this move was
   * reported already.
   */
  public boolean moved(RepositoryPath repo, String branch, String oldSha, String newSha, String via, String actor) {
    Boolean published = tx.execute(status -> {
      String environment = repo.environmentOf(branch);
      BranchMoved data = new BranchMoved(repo.owner(), repo.name(), branch, environment, oldSha, newSha,
          newSha == null ? "deleted" : oldSha == null ? "created" : "updated", via, actor, clock.instant());
      boolean first = outbox.publishOnce(eventId(repo, branch, newSha), new CatalystEvent(
          ProvisioningEvents.BRANCH_MOVED, "repos/" + repo + "/branches/" + branch, repo.organization(), environment,
          actor, data));
      recordHead(repo, branch, newSha);
      return first;
    });
    return Boolean.TRUE.equals(published);
  }

  /** {@code api} inside a request through the API or console, {@code push} through Git, else {@code system}. */
  public static String viaOfRequest() {
    return switch (RequestContext.current().surface()) {
      case UI, API -> BranchMoved.VIA_API;
      case GIT -> BranchMoved.VIA_PUSH;
      case SYSTEM -> BranchMoved.VIA_SYSTEM;
    };
  }

  /** The id of the {@code branch.moved} event of {@code branch} of {@code repo} moving to {@code newSha}. */
  static UUID eventId(RepositoryPath repo, String branch, String newSha) {
    return UUID.nameUUIDFromBytes(("branch.moved:" + repo + ":" + branch + ":" + (newSha == null ? "deleted" : newSha))
        .getBytes(StandardCharsets.UTF_8));
  }

  private void reportCommit(RepositoryPath repo, GitRepositories.Commit commit, String via, String actor) {
    if (commit.changed()) {
      moved(repo, commit.branch(), commit.previousSha(), commit.sha(), via, actor);
    }
  }

  /** Records {@code sha} as the branch's head in {@code branch_head} (null: the branch is gone). */
  private void recordHead(RepositoryPath repo, String branch, String sha) {
    if (sha == null) {
      jdbc.sql("delete from branch_head where owner = :owner and repository = :repo and branch = :branch")
          .param("owner", repo.owner()).param("repo", repo.name()).param("branch", branch).update();
      return;
    }
    jdbc.sql("""
        insert into branch_head (owner, repository, branch, sha, announced_at)
        values (:owner, :repo, :branch, :sha, :now)
        on conflict (owner, repository, branch)
        do update set sha = excluded.sha, announced_at = excluded.announced_at""")
        .param("owner", repo.owner()).param("repo", repo.name()).param("branch", branch).param("sha", sha)
        .param("now", Timestamp.from(clock.instant())).update();
  }
}
