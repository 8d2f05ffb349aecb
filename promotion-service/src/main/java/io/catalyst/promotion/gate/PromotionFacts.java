package io.catalyst.promotion.gate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gates of one promotion read, all facts recorded elsewhere (events, the approval table, the scorer).
 *
 * @param author             who opened the promotion (the change's author)
 * @param sourceEnvironment  the Environment promoted from, e.g. {@code acme-stg}
 * @param sourceHeadSha      the source branch's current head: what would be merged
 * @param headSince          per Environment, since when {@code sourceHeadSha} has been the head of its branch (from
 *                           {@code branch.moved.v1}'s {@code movedAt}); absent: it is not the head there
 * @param approvals          every approval given, for any SHA
 * @param organizationAdmins how many org-admins the Organization has (the single-admin rule)
 * @param reScore            the RE score of {@code sourceHeadSha} (0–100), null while not computed
 */
public record PromotionFacts(String author, String sourceEnvironment, String sourceHeadSha,
    Map<String, Instant> headSince, List<Approval> approvals, int organizationAdmins, Integer reScore) {

  public PromotionFacts {
    headSince = Map.copyOf(headSince);
    approvals = List.copyOf(approvals);
  }
}
