package io.catalyst.promotion.gate;

import io.catalyst.promotion.policy.PolicyRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code soak}: the promoted SHA has been the head of the soak Environment's branch (the rule's
 * {@code sourceEnvironment}, else the promotion's source) for at least the rule's duration, counted from the moment
 * it became the head ({@code branch.moved.v1}'s {@code movedAt}).
 */
public final class SoakGate {

  public GateResult evaluate(PolicyRule.Soak rule, PromotionFacts facts, Instant at, ZoneId zone) {
    String env = rule.sourceEnvironment() != null ? rule.sourceEnvironment() : facts.sourceEnvironment();
    Instant since = facts.headSince().get(env);
    if (since == null) {
      return GateResult.failing(rule.kind(), rule.severity(), Times.sha(facts.sourceHeadSha())
          + " is not the head of " + env + " yet: it must run there for " + Times.span(rule.duration()), null);
    }
    Instant ends = since.plus(rule.duration());
    if (!at.isBefore(ends)) {
      return GateResult.passing(rule.kind(), rule.severity(), "soaked " + Times.span(Duration.between(since, at))
          + " in " + env + " (" + Times.span(rule.duration()) + " needed)");
    }
    return GateResult.failing(rule.kind(), rule.severity(), "soak ends " + Times.at(ends, at, zone) + " ("
        + Times.span(rule.duration()) + " in " + env + " since " + Times.at(since, at, zone) + ")", ends);
  }
}
