package io.catalyst.provisioning.contract;

import java.time.Instant;

/**
 * Event {@code io.catalyst.provisioning.branch.moved.v1}: the head of a branch of a repository on the Git host moved,
 * however it moved. Every commit the mesh makes or accepts is reported once, by one writer, in the transaction that
 * records the new head: a push, a change through the API (configure, upgrade, ownership), an install, a write to
 * {@code system/catalyst-config}, and (promotion-service) a merge or a revert. Soak counts from {@code movedAt}; audit
 * records who moved what through which path. Its CloudEvents id is derived from repository, branch and new head, so
 * the same move reported twice (the writer, then the reconciler after a crash) is one event for consumers.
 *
 * @param environment the Environment whose branch this is (Application repositories), else null
 * @param oldSha      the head before; null when the branch was created
 * @param newSha      the head after; null when the branch was deleted
 * @param change      {@code created}, {@code updated} or {@code deleted}
 * @param via         {@code push}, {@code api}, {@code install}, {@code merge}, {@code revert} or {@code system}
 *                    ({@link #VIA_PUSH} …)
 * @param actor       the user or service that moved it
 * @param movedAt     when the head moved, by the service's clock
 */
public record BranchMoved(String owner, String repository, String branch, String environment, String oldSha,
    String newSha, String change, String via, String actor, Instant movedAt) {

  public static final String VIA_PUSH = "push";
  public static final String VIA_API = "api";
  public static final String VIA_INSTALL = "install";
  public static final String VIA_MERGE = "merge";
  public static final String VIA_REVERT = "revert";
  public static final String VIA_SYSTEM = "system";
}
