package io.catalyst.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.promotion.policy.ApproverRef;
import io.catalyst.promotion.policy.PolicyRule;
import io.catalyst.promotion.policy.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalGateTest {

  static final String HEAD = "ccccccc000000000000000000000000000000000";
  static final String BEFORE_PUSH = "bbbbbbb000000000000000000000000000000000";
  final ApprovalGate gate = new ApprovalGate();

  final PolicyRule.PrRequired twoFromTeams = new PolicyRule.PrRequired(
      List.of(ApproverRef.team("team-platform"), ApproverRef.team("team-security")), 2,
      PolicyRule.SelfApproval.NEVER, Severity.BLOCKING);
  final PolicyRule.PrRequired smeOneAdmin = new PolicyRule.PrRequired(List.of(ApproverRef.parse("role:org-admin").ref()),
      1, PolicyRule.SelfApproval.SINGLE_ADMIN, Severity.BLOCKING);

  static Approval by(String who, Set<String> teams, Set<String> roles, String sha) {
    return new Approval(who, teams, roles, sha, Instant.parse("2026-12-04T10:00:00Z"));
  }

  static PromotionFacts facts(String author, int admins, Approval... approvals) {
    return new PromotionFacts(author, "acme-stg", HEAD, Map.of(), List.of(approvals), admins, null);
  }

  @Test
  void anApprovalGivenBeforeANewPushDoesNotCount() {
    GateResult r = gate.evaluate(twoFromTeams, facts("layla", 2,
        by("omar", Set.of("team-platform"), Set.of(), BEFORE_PUSH),
        by("salma", Set.of("team-security"), Set.of(), HEAD)));

    assertThat(r.status()).isEqualTo(GateResult.Status.BLOCKED);
    assertThat(r.explanation()).isEqualTo("1 of 2 approvals from team-platform, team-security for ccccccc;"
        + " 1 approval was given to an older head and no longer counts");
  }

  @Test
  void onlyDistinctPeopleTheRuleNamesCount() {
    GateResult r = gate.evaluate(twoFromTeams, facts("layla", 2,
        by("omar", Set.of("team-platform"), Set.of(), HEAD),
        by("omar", Set.of("team-platform"), Set.of(), HEAD),
        by("hank", Set.of("team-frontend"), Set.of("org-admin"), HEAD)));

    assertThat(r.blocks()).isTrue();
    assertThat(gate.count(twoFromTeams, facts("layla", 2, by("omar", Set.of("team-platform"), Set.of(), HEAD),
        by("hank", Set.of("team-frontend"), Set.of(), HEAD))).notAnApprover()).isEqualTo(1);

    assertThat(gate.evaluate(twoFromTeams, facts("layla", 2,
        by("omar", Set.of("team-platform"), Set.of(), HEAD),
        by("salma", Set.of("team-security"), Set.of(), HEAD))).status()).isEqualTo(GateResult.Status.PASSING);
  }

  @Test
  void theAuthorDoesNotApproveTheirOwnPromotion() {
    GateResult r = gate.evaluate(twoFromTeams, facts("omar", 2,
        by("omar", Set.of("team-platform"), Set.of(), HEAD),
        by("salma", Set.of("team-security"), Set.of(), HEAD)));

    assertThat(r.blocks()).isTrue();
    assertThat(r.explanation()).endsWith("the author's own approval does not count");
  }

  @Test
  void theSingleAdminOfAnSmeSelfApprovesAndItIsSaid() {
    GateResult r = gate.evaluate(smeOneAdmin, facts("ahmed", 1,
        by("ahmed", Set.of(), Set.of("org-admin"), HEAD)));

    assertThat(r.status()).isEqualTo(GateResult.Status.PASSING);
    assertThat(r.explanation()).isEqualTo("1 of 1 approval (self-approved by the Organization's only org-admin)");
  }

  @Test
  void withASecondAdminSelfApprovalNoLongerCounts() {
    assertThat(gate.evaluate(smeOneAdmin, facts("ahmed", 2, by("ahmed", Set.of(), Set.of("org-admin"), HEAD)))
        .blocks()).isTrue();
    // The rule must allow it: the same single admin under a rule without selfApproval is refused.
    PolicyRule.PrRequired never = new PolicyRule.PrRequired(smeOneAdmin.approvers(), 1, PolicyRule.SelfApproval.NEVER,
        Severity.BLOCKING);
    assertThat(gate.evaluate(never, facts("ahmed", 1, by("ahmed", Set.of(), Set.of("org-admin"), HEAD))).blocks())
        .isTrue();
    // And it is for the admin only: a developer author is not an org-admin.
    assertThat(gate.evaluate(smeOneAdmin, facts("dev", 1, by("dev", Set.of(), Set.of("org-developer"), HEAD)))
        .blocks()).isTrue();
  }
}
