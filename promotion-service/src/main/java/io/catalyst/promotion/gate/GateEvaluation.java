package io.catalyst.promotion.gate;

import java.time.Instant;
import java.util.List;

/**
 * Every gate of a policy for one promotion at one instant: blocked or passing, each gate's explanation, and the
 * earliest instant the merge could happen.
 *
 * @param at            the instant evaluated (now, or a forecast's)
 * @param blocked       whether a blocking gate fails
 * @param gates         one result per rule, in the policy's order
 * @param earliestMerge {@code at} when nothing blocks; else the first instant the time gates (soak, change window)
 *                      allow, assuming what waits for people (approvals, a score) arrives by then; null when a time
 *                      gate never opens
 * @param waitingFor    blocking gates that no clock opens (approvals, RE score): the merge also waits for them
 * @param summary       one line, e.g. {@code blocked: 1 of 2 approvals …; soak ends Tue 14:03 Asia/Muscat …}
 */
public record GateEvaluation(Instant at, boolean blocked, List<GateResult> gates, Instant earliestMerge,
    List<String> waitingFor, String summary) {

  public GateEvaluation {
    gates = List.copyOf(gates);
    waitingFor = List.copyOf(waitingFor);
  }
}
