package io.catalyst.promotion.gate;

import io.catalyst.promotion.policy.PolicyRule;

/** {@code re-score-gate}: the RE score of the promoted SHA is at least the rule's minimum. */
public final class ReScoreGate {

  public GateResult evaluate(PolicyRule.ReScoreGate rule, PromotionFacts facts) {
    Integer score = facts.reScore();
    if (score == null) {
      return GateResult.failing(rule.kind(), rule.severity(), "no RE score yet for "
          + Times.sha(facts.sourceHeadSha()) + " (" + rule.minScore() + " needed)", null);
    }
    if (score >= rule.minScore()) {
      return GateResult.passing(rule.kind(), rule.severity(), "RE score " + score + " (" + rule.minScore()
          + " needed)");
    }
    return GateResult.failing(rule.kind(), rule.severity(), "RE score " + score + " is below " + rule.minScore()
        + " for " + Times.sha(facts.sourceHeadSha()), null);
  }
}
