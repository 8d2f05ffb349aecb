package io.catalyst.provisioning.githost;

import io.catalyst.provisioning.contract.BranchMoved;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reports branch moves whose {@code branch.moved.v1} was lost: a push (or this service's own commit) moves the ref
 * first and records the move in the outbox right after; a process that dies in between leaves a branch whose head
 * {@code branch_head} does not know. Ten seconds after start and every
 * {@code catalyst.provisioning.git.reconcile-interval} (PT5M) this compares every branch of every repository with its
 * announced head and reports the move through {@link BranchMoves} under the same derived id, so consumers that saw
 * the original drop it: {@code via push} with the pusher from the reflog when a push moved it (the branch's reflog
 * says {@code push}), else {@code via system}. A branch never seen before is reported as created. Moves younger than
 * {@code reconcile-grace} (PT30S) are left to the push that is still recording them.
 */
@Component
public class BranchHeadReconciler {

  private static final Logger log = LoggerFactory.getLogger(BranchHeadReconciler.class);
  private static final String ACTOR = "branch-head-reconciler";

  private final GitRepositories git;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration grace;
  private final BranchMoves moves;

  public BranchHeadReconciler(GitRepositories git, JdbcClient jdbc, Clock clock, @Value("${catalyst.provisioning.git.reconcile-grace:PT30S}") Duration grace, BranchMoves moves) {
    this.moves = moves;
    this.git = git;
    this.jdbc = jdbc;
    this.clock = clock;
    this.grace = grace;
  }

  /**
   * Shortly after start (on the scheduler, so a Git host with many repositories does not hold back readiness) and
   * every {@code reconcile-interval} after that.
   */
  @Scheduled(fixedDelayString = "${catalyst.provisioning.git.reconcile-interval:PT5M}",
      initialDelayString = "${catalyst.provisioning.git.reconcile-initial-delay:PT10S}")
  void periodically() {
    run();
  }

  private void run() {
    try {
      int announced = reconcile(grace);
      if (announced > 0) {
        log.warn("Re-announced {} pushed branch move(s) whose events were lost", announced);
      }
    } catch (RuntimeException e) {
      log.warn("Branch-head reconciliation failed; the next run retries", e);
    }
  }

  /** Compares every branch with its announced head; returns how many lost pushes it announced. */
  public int reconcile(Duration grace) {
    int announced = 0;
    for (String owner : git.owners()) {
      for (String name : git.list(owner)) {
        try {
          announced += reconcile(new RepositoryPath(owner, name), grace);
        } catch (RuntimeException e) {
          log.warn("Could not reconcile the branch heads of {}/{}", owner, name, e);
        }
      }
    }
    return announced;
  }

  /** One repository: returns how many lost pushes it announced. */
  public int reconcile(RepositoryPath repo, Duration grace) {
    Map<String, String> heads = git.heads(repo);
    Map<String, String> known = new java.util.HashMap<>();
    jdbc.sql("select branch, sha from branch_head where owner = :owner and repository = :repo")
        .param("owner", repo.owner()).param("repo", repo.name())
        .query((rs, i) -> known.put(rs.getString(1), rs.getString(2))).list();
    Instant now = clock.instant();
    int announced = 0;
    for (Map.Entry<String, String> branch : heads.entrySet()) {
      String recorded = known.get(branch.getKey());
      String head = branch.getValue();
      if (head.equals(recorded)) {
        continue;
      }
      List<GitRepositories.ReflogEntry> reflog = git.reflog(repo, branch.getKey(), 500);
      if (!reflog.isEmpty() && reflog.getFirst().time() != null
          && reflog.getFirst().time().isAfter(now.minus(grace))) {
        continue; // a push may still be recording its event
      }
      if (recorded == null) {
        // Never announced: the head as this service made it, unless its last move was a push (its first, lost).
        GitRepositories.ReflogEntry last = reflog.isEmpty() ? null : reflog.getFirst();
        if (last != null && isPush(last) && head.equals(last.newSha())) {
          announce(repo, branch.getKey(), zeroToNull(last.oldSha()), head, last.who());
          announced++;
        } else {
          moves.moved(repo, branch.getKey(), null, head, BranchMoved.VIA_SYSTEM, last == null ? ACTOR : last.who());
        }
        continue;
      }
      GitRepositories.ReflogEntry push = pushSince(reflog, recorded);
      if (push == null) {
        // Moved by this service's own commit whose report was lost (the process died in between): report it now.
        moves.moved(repo, branch.getKey(), recorded, head, BranchMoved.VIA_SYSTEM,
            reflog.isEmpty() ? ACTOR : reflog.getFirst().who());
        continue;
      }
      announce(repo, branch.getKey(), recorded, head, push.who());
      announced++;
    }
    for (Map.Entry<String, String> gone : known.entrySet()) {
      if (!heads.containsKey(gone.getKey())) {
        announce(repo, gone.getKey(), gone.getValue(), null, ACTOR);
        announced++;
      }
    }
    return announced;
  }

  /**
   * The newest push among the reflog entries since the branch was at {@code recorded}; null when only this
   * service's commits moved it. Without a reflog reaching back to {@code recorded}, the move counts as a push (an
   * event too many is dropped by idempotent consumers; one too few is lost).
   */
  static GitRepositories.ReflogEntry pushSince(List<GitRepositories.ReflogEntry> reflog, String recorded) {
    for (GitRepositories.ReflogEntry entry : reflog) {
      if (isPush(entry)) {
        return entry;
      }
      if (recorded.equals(entry.oldSha())) {
        return null;
      }
    }
    return new GitRepositories.ReflogEntry(recorded, null, ACTOR, null, "unknown");
  }

  private static boolean isPush(GitRepositories.ReflogEntry entry) {
    return entry.comment() != null && entry.comment().startsWith("push");
  }

  private static String zeroToNull(String sha) {
    return sha == null || sha.chars().allMatch(c -> c == '0') ? null : sha;
  }

  /** A push whose move was not recorded: reported now as the push would have ({@code via push}, the pusher). */
  private void announce(RepositoryPath repo, String branch, String oldSha, String newSha, String pusher) {
    moves.moved(repo, branch, oldSha, newSha, BranchMoved.VIA_PUSH, pusher == null ? ACTOR : pusher);
    log.warn("Announced the lost push of {} {} ({} → {})", repo, branch, oldSha, newSha);
  }
}
