package io.catalyst.provisioning.githost;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.provisioning.contract.GitPushed;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The heads announced in {@code git.pushed} events ({@code branch_head}), and the announcement itself: the event
 * with an id derived from repository, branch and new head — the same push announced twice (the push itself, then
 * the reconciler after a crash) has the same CloudEvents id, so idempotent consumers take it once — and the
 * announced head, in the caller's transaction.
 */
final class BranchHeads {

  private BranchHeads() {}

  /** The id of the {@code git.pushed} event for {@code branch} of {@code repo} moving to {@code newSha}. */
  static UUID eventId(RepositoryPath repo, String branch, String newSha) {
    return UUID.nameUUIDFromBytes(("git.pushed:" + repo + ":" + branch + ":" + (newSha == null ? "deleted" : newSha))
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Publishes {@code event} under its derived id (unless an event with that id is already in the outbox) and records
   * the branch's announced head. Must run in a transaction.
   */
  static void announce(JdbcClient jdbc, Outbox outbox, RepositoryPath repo, GitPushed pushed, CatalystEvent event,
      Instant now) {
    outbox.publishOnce(eventId(repo, pushed.branch(), pushed.newSha()), event);
    record(jdbc, repo, pushed.branch(), pushed.newSha(), now);
  }

  /** Records {@code sha} as the announced head of the branch (null: the branch is gone). */
  static void record(JdbcClient jdbc, RepositoryPath repo, String branch, String sha, Instant now) {
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
        .param("now", Timestamp.from(now)).update();
  }
}
