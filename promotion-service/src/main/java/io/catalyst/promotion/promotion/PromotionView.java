package io.catalyst.promotion.promotion;

import io.catalyst.promotion.gate.GateEvaluation;
import io.catalyst.promotion.gate.GateResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A promotion as the API answers it: its state, the source head it would merge, every approval (and whether it still
 * counts) and what the target's policy gates say, with the earliest instant the merge could happen.
 */
public record PromotionView(UUID id, String organization, String application, String sourceEnvironment,
    String targetEnvironment, String sourceSha, String state, String requestedBy, String decidedBy, String reason,
    Instant createdAt, Instant updatedAt, String policy, List<ApprovalView> approvals, Evaluation evaluation) {

  /**
   * One approval or rejection; {@code counts} whether it is for the current source head (an approval given before a
   * push to the source branch does not count, {@code invalidatedAt} says since when).
   */
  public record ApprovalView(String subject, String verdict, String sha, String comment, Instant at, boolean counts,
      Instant invalidatedAt) {}

  /** The gates at {@code at}: see {@link GateEvaluation}. */
  public record Evaluation(Instant at, boolean blocked, String summary, Instant earliestMerge, List<String> waitingFor,
      List<Gate> gates) {

    static Evaluation of(GateEvaluation e) {
      return new Evaluation(e.at(), e.blocked(), e.summary(), e.earliestMerge(), e.waitingFor(),
          e.gates().stream().map(Gate::of).toList());
    }
  }

  /** One gate: rule kind, severity, PASSING/BLOCKED/WARNING, why, and when it passes by itself (null: waits for people). */
  public record Gate(String gate, String severity, String status, String explanation, Instant passesAt) {
    static Gate of(GateResult r) {
      return new Gate(r.gate(), r.severity().value(), r.status().name(), r.explanation(), r.passesAt());
    }
  }
}
