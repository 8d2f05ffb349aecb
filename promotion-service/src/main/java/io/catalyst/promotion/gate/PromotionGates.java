package io.catalyst.promotion.gate;

import io.catalyst.promotion.policy.CronSchedule;
import io.catalyst.promotion.policy.EnvironmentPolicy;
import io.catalyst.promotion.policy.PolicyRule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates every gate of a destination's policy together, reading the injected {@link Clock}: one answer for all
 * gates, each with a plain explanation, and the earliest instant the merge could happen. {@link #forecast} answers what
 * the gates would say at another instant, with the same facts.
 */
public final class PromotionGates {

  private final Clock clock;
  private final ApprovalGate approvals = new ApprovalGate();
  private final SoakGate soak = new SoakGate();
  private final ChangeWindowGate window = new ChangeWindowGate();
  private final ReScoreGate score = new ReScoreGate();

  public PromotionGates(Clock clock) {
    this.clock = clock;
  }

  public GateEvaluation evaluate(EnvironmentPolicy policy, PromotionFacts facts) {
    return forecast(policy, facts, clock.instant());
  }

  public GateEvaluation forecast(EnvironmentPolicy policy, PromotionFacts facts, Instant at) {
    List<GateResult> results = new ArrayList<>();
    List<String> waitingFor = new ArrayList<>();
    Instant earliest = at;
    boolean never = false;
    for (PolicyRule rule : policy.rules()) {
      GateResult r = switch (rule) {
        case PolicyRule.PrRequired p -> approvals.evaluate(p, facts);
        case PolicyRule.ReScoreGate s -> score.evaluate(s, facts);
        case PolicyRule.Soak s -> soak.evaluate(s, facts, at, policy.timezone());
        case PolicyRule.ChangeWindow w -> window.evaluate(w, at, policy.timezone());
      };
      results.add(r);
      if (r.blocks()) {
        if (rule instanceof PolicyRule.Soak) {
          if (r.passesAt() == null) {
            waitingFor.add(rule.kind());
          } else if (r.passesAt().isAfter(earliest)) {
            earliest = r.passesAt();
          }
        } else if (!(rule instanceof PolicyRule.ChangeWindow)) {
          waitingFor.add(rule.kind());
        }
      }
    }
    // The window goes last: it must be open once the soak is over.
    for (PolicyRule.ChangeWindow w : policy.rules(PolicyRule.ChangeWindow.class)) {
      if (!w.blocking()) {
        continue;
      }
      CronSchedule schedule = w.schedule(policy.timezone());
      Optional<Instant> open = schedule.earliestOpenAtOrAfter(earliest);
      if (open.isEmpty()) {
        never = true;
      } else {
        earliest = open.get();
      }
    }
    boolean blocked = results.stream().anyMatch(GateResult::blocks);
    Instant earliestMerge = never ? null : earliest;
    return new GateEvaluation(at, blocked, results, earliestMerge, waitingFor,
        summary(policy, blocked, results, earliestMerge, waitingFor, at));
  }

  private static String summary(EnvironmentPolicy policy, boolean blocked, List<GateResult> results,
      Instant earliest, List<String> waitingFor, Instant at) {
    if (!blocked) {
      List<String> warnings = results.stream().filter(r -> r.status() == GateResult.Status.WARNING)
          .map(GateResult::explanation).toList();
      return warnings.isEmpty() ? "passing: every gate of " + policy.name() + " passes"
          : "passing with warnings: " + String.join("; ", warnings);
    }
    StringBuilder s = new StringBuilder("blocked: ");
    s.append(String.join("; ", results.stream().filter(GateResult::blocks).map(GateResult::explanation).toList()));
    if (earliest == null) {
      s.append("; no merge possible while the change window never opens");
    } else if (earliest.isAfter(at)) {
      s.append("; earliest merge ").append(Times.at(earliest, at, windowZone(policy)));
      if (!waitingFor.isEmpty()) {
        s.append(" once ").append(String.join(" and ", waitingFor)).append(waitingFor.size() == 1 ? " passes" : " pass");
      }
    }
    return s.toString();
  }

  private static java.time.ZoneId windowZone(EnvironmentPolicy policy) {
    return policy.rules(PolicyRule.ChangeWindow.class).stream().filter(w -> w.timezone() != null)
        .map(PolicyRule.ChangeWindow::timezone).findFirst().orElse(policy.timezone());
  }
}
