package io.catalyst.provisioning.application.status;

import io.catalyst.provisioning.application.status.ApplicationStatus.Card;
import io.catalyst.provisioning.application.status.ApplicationStatus.Observation;
import io.catalyst.provisioning.application.status.ApplicationStatus.Outcome;
import io.catalyst.provisioning.application.status.ApplicationStatus.State;
import java.time.Instant;

/**
 * The card state machine of an Application, fed by typed inputs: what a runtime observed, a pause or resume, a
 * promotion requested or decided, a configuration committed. A plain class: no Spring, no database. The runtime's
 * observations follow {@link ApplicationStatus} (phases, pods, stale events); the other inputs are decisions of this
 * service and of promotion-service:
 * <ul>
 *   <li>{@link PauseChanged} paused → {@code Paused} (pods kept); resumed → the card kept when it was paused;</li>
 *   <li>{@link PromotionRequested} → {@code Pending approval}, the reason naming the promotion;</li>
 *   <li>{@link PromotionDecided} approved or merged → {@code Updating}; rejected or cancelled → the state before
 *       {@code Pending approval} (only while pending; a {@code Failed} one says it failed before);</li>
 *   <li>{@link ConfigurationCommitted} → {@code Updating}, except while {@code Installing}, {@code Paused} or
 *       {@code Pending approval} (the commit changes nothing the runtime runs yet).</li>
 * </ul>
 */
public final class CardState {

  /** What moves a card. {@code at}: when it happened (orders it against the runtime's observations). */
  public sealed interface Input permits RuntimeObserved, PauseChanged, PromotionRequested, PromotionDecided,
      ConfigurationCommitted {
    Instant at();
  }

  /** A runtime reported the Application ({@code io.catalyst.runtime.application.status.v1}). */
  public record RuntimeObserved(Observation observation) implements Input {
    @Override
    public Instant at() {
      return observation.time();
    }
  }

  /** The card an Application had when it was paused, which resume returns to. */
  public record Previous(String status, Integer readyPods, Integer desiredPods, String reason) {}

  /** Paused ({@code previous} unused) or resumed (back to {@code previous}). */
  public record PauseChanged(boolean paused, Previous previous, Instant at) implements Input {

    public static PauseChanged paused(Instant at) {
      return new PauseChanged(true, null, at);
    }

    public static PauseChanged resumed(Previous previous, Instant at) {
      return new PauseChanged(false, previous, at);
    }
  }

  /** promotion-service asks to promote into the Application's Environment. */
  public record PromotionRequested(String promotion, String sourceEnvironment, Instant at) implements Input {}

  public enum Decision { APPROVED, MERGED, REJECTED, CANCELLED }

  /**
   * promotion-service decided a promotion. {@code stateBefore}: the card's state before it became
   * {@code Pending approval} (for rejected and cancelled; null: {@code Running}).
   */
  public record PromotionDecided(Decision decision, String promotion, String decidedBy, String reason,
      String stateBefore, Instant at) implements Input {}

  /** A commit moved the Application's Environment branch (configure, upgrade, push, merge). */
  public record ConfigurationCommitted(String branch, String sha, String via, Instant at) implements Input {}

  private CardState() {}

  /** The card after {@code input}. */
  public static Outcome next(Card current, Input input) {
    return switch (input) {
      case RuntimeObserved r -> ApplicationStatus.apply(current, r.observation());
      case PauseChanged p when p.paused() -> to(current, State.PAUSED, null, p.at());
      case PauseChanged p -> ApplicationStatus.apply(current, observation(p.previous().status(),
          p.previous().readyPods(), p.previous().desiredPods(), p.previous().reason(), p.at()));
      case PromotionRequested r -> to(current, State.PENDING_APPROVAL, "Promotion " + named(r.promotion()) + "from "
          + (r.sourceEnvironment() == null ? "a lower Environment" : r.sourceEnvironment()) + " awaits approval",
          r.at());
      case PromotionDecided d -> decided(current, d);
      case ConfigurationCommitted c -> switch (current.state()) {
        case INSTALLING, PAUSED, PENDING_APPROVAL ->
            new Outcome(current, false, false, "a commit while " + current.state().label() + " changes no state");
        default -> to(current, State.UPDATING, "Commit " + shortSha(c.sha()) + " on " + c.branch()
            + (c.via() == null ? "" : " (" + c.via() + ")"), c.at());
      };
    };
  }

  private static Outcome decided(Card current, PromotionDecided d) {
    String word = d.decision().name().toLowerCase(java.util.Locale.ROOT);
    return switch (d.decision()) {
      case APPROVED, MERGED -> to(current, State.UPDATING, "Promotion " + named(d.promotion()) + word
          + (d.decidedBy() == null ? "" : " by " + d.decidedBy()), d.at());
      case REJECTED, CANCELLED -> {
        if (current.state() != State.PENDING_APPROVAL) {
          yield new Outcome(current, false, false, "not pending approval");
        }
        String before = d.stateBefore() == null ? State.RUNNING.label() : d.stateBefore();
        String reason = "Promotion " + named(d.promotion()) + word + (d.reason() == null ? "" : ": " + d.reason());
        if (State.FAILED.label().equals(before)) {
          reason = "Failed before the promotion; " + reason;
        }
        yield ApplicationStatus.apply(current, observation(before, current.readyPods(), current.desiredPods(), reason,
            d.at()));
      }
    };
  }

  /** {@code state} with the card's pods. */
  private static Outcome to(Card current, State state, String reason, Instant at) {
    return ApplicationStatus.apply(current, observation(state.label(), current.readyPods(), current.desiredPods(),
        reason, at));
  }

  private static Observation observation(String status, Integer ready, Integer desired, String reason, Instant at) {
    return new Observation(null, null, null, status.replace(" ", ""), ready, desired, reason, null, at, null);
  }

  private static String named(String promotion) {
    return promotion == null ? "" : promotion + " ";
  }

  private static String shortSha(String sha) {
    return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
  }
}
