package io.catalyst.promotion.gate;

import io.catalyst.promotion.policy.Severity;
import java.time.Instant;

/**
 * What one gate says: its rule kind, whether it passes, blocks or (advisory) only warns, a plain explanation, and
 * when it will pass by itself (soak end, window opening; null when it waits for people or a score).
 */
public record GateResult(String gate, Severity severity, Status status, String explanation, Instant passesAt) {

  public enum Status { PASSING, BLOCKED, WARNING }

  public boolean blocks() {
    return status == Status.BLOCKED;
  }

  /** A gate that does not pass: blocked when blocking, a warning when advisory. */
  static GateResult failing(String gate, Severity severity, String explanation, Instant passesAt) {
    return new GateResult(gate, severity, severity == Severity.BLOCKING ? Status.BLOCKED : Status.WARNING,
        severity == Severity.BLOCKING ? explanation : "advisory: " + explanation, passesAt);
  }

  static GateResult passing(String gate, Severity severity, String explanation) {
    return new GateResult(gate, severity, Status.PASSING, explanation, null);
  }
}
