package io.catalyst.promotion.gate;

import io.catalyst.promotion.policy.CronSchedule;
import io.catalyst.promotion.policy.PolicyRule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** {@code change-window}: a merge happens only inside a window of the rule's cron, duration and timezone. */
public final class ChangeWindowGate {

  public GateResult evaluate(PolicyRule.ChangeWindow rule, Instant at, ZoneId policyZone) {
    CronSchedule schedule = rule.schedule(policyZone);
    Optional<Instant> until = schedule.openUntil(at);
    String what = " (\"" + rule.cron() + "\" for " + Times.span(rule.duration()) + ")";
    if (until.isPresent()) {
      return GateResult.passing(rule.kind(), rule.severity(),
          "window open until " + Times.at(until.get(), at, schedule.zone()) + what);
    }
    Optional<Instant> next = schedule.nextOpening(at);
    return GateResult.failing(rule.kind(), rule.severity(), next
        .map(n -> "next window " + Times.at(n, at, schedule.zone()) + what)
        .orElse("the window never opens again" + what), next.orElse(null));
  }
}
