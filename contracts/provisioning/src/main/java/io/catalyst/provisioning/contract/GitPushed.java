package io.catalyst.provisioning.contract;

import java.util.List;

/**
 * Event {@code io.catalyst.provisioning.git.pushed.v1}: a branch of a repository moved through a push (the public
 * contract other services read; promotion-service re-evaluates gates on it, the runtime reconciles).
 *
 * @param environment the Environment whose branch this is (Application repositories), else null
 * @param change      {@code created}, {@code updated} or {@code deleted}
 * @param committer   the committer of the new head, {@code Name <email>}
 * @param pusher      the authenticated user or service that pushed
 * @param commits     the commits the push added to the branch, newest first (at most 100; see {@code truncated})
 */
public record GitPushed(String owner, String repository, String branch, String environment, String oldSha,
    String newSha, String change, String committer, String pusher, List<PushedCommit> commits, boolean truncated) {

  /** One commit of a push. */
  public record PushedCommit(String sha, String author, String committer, String message, String time) {}
}
