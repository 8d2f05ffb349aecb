package io.catalyst.provisioning.application.status;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The card state of an Application and how runtime status events move it (issue 5 §5). A plain class: no Spring, no
 * database.
 *
 * <p>Rules: the event's {@code phase} names the state ({@code Running}/{@code Ready}, {@code Installing},
 * {@code Progressing}/{@code Updating}, {@code Degraded}, {@code Failed}, {@code Paused}/{@code Suspended},
 * {@code PendingApproval}); a {@code Running} event with fewer ready than desired pods is {@code Degraded (x/y)};
 * {@code Failed} always carries a reason. An event older than the one the state was last derived from (its
 * {@code observedGeneration} when both have one, else its {@code time}) never overwrites it.
 */
public final class ApplicationStatus {

  /** The card states of the seed, as they appear in the {@code status} column and the API. */
  public enum State {
    INSTALLING("Installing"), RUNNING("Running"), UPDATING("Updating"), DEGRADED("Degraded"), FAILED("Failed"),
    PAUSED("Paused"), PENDING_APPROVAL("Pending approval");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Optional<State> ofLabel(String label) {
      for (State s : values()) {
        if (s.label.equalsIgnoreCase(label)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }

    /** The state a runtime {@code phase} names, if it names one. */
    public static Optional<State> ofPhase(String phase) {
      if (phase == null) {
        return Optional.empty();
      }
      return switch (phase.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace("-", "")) {
        case "installing", "pending", "creating" -> Optional.of(INSTALLING);
        case "running", "ready", "healthy" -> Optional.of(RUNNING);
        case "updating", "progressing", "upgrading", "reconciling" -> Optional.of(UPDATING);
        case "degraded" -> Optional.of(DEGRADED);
        case "failed", "error", "stalled" -> Optional.of(FAILED);
        case "paused", "suspended" -> Optional.of(PAUSED);
        case "pendingapproval", "awaitingapproval" -> Optional.of(PENDING_APPROVAL);
        default -> Optional.empty();
      };
    }
  }

  /**
   * A runtime status event ({@code io.catalyst.runtime.application.status.v1} data).
   *
   * @param observedGeneration optional; when both sides have one it orders events instead of {@code time}
   */
  public record Observation(String organization, String environment, String application, String phase,
      Integer readyPods, Integer desiredPods, String reason, String observedCommit, Instant time,
      Long observedGeneration) {}

  /** The state of a card and what it was derived from. */
  public record Card(State state, Integer readyPods, Integer desiredPods, String reason, Instant changedAt,
      Instant observedAt, Long observedGeneration) {

    /** A card that no runtime event has touched yet (a fresh install). */
    public static Card initial(State state, Instant since) {
      return new Card(state, null, null, null, since, null, null);
    }

    /** {@code Degraded (1/2)}, {@code Failed: reason}, or the state's label. */
    public String display() {
      return switch (state) {
        case DEGRADED -> state.label() + " (" + readyPods + "/" + desiredPods + ")";
        case FAILED -> state.label() + ": " + reason;
        default -> state.label();
      };
    }
  }

  /**
   * What an observation does to a card: {@code applied} whether it was taken (not stale, a known phase),
   * {@code changed} whether state, pods or reason differ (a {@code status-changed} event is due).
   */
  public record Outcome(Card card, boolean applied, boolean changed, String ignoredBecause) {}

  private ApplicationStatus() {}

  public static Outcome apply(Card current, Observation event) {
    Objects.requireNonNull(current, "current");
    if (isStale(current, event)) {
      return new Outcome(current, false, false, "older than the state it would replace");
    }
    Optional<State> named = State.ofPhase(event.phase());
    if (named.isEmpty()) {
      return new Outcome(current, false, false, "unknown phase " + event.phase());
    }
    State next = named.get();
    Integer ready = event.readyPods();
    Integer desired = event.desiredPods();
    if (next == State.RUNNING && ready != null && desired != null && ready < desired) {
      next = State.DEGRADED;
    }
    String reason = switch (next) {
      case FAILED -> blank(event.reason()) ? "The runtime reported a failure without a reason" : event.reason();
      case DEGRADED, PAUSED, PENDING_APPROVAL, UPDATING -> blank(event.reason()) ? null : event.reason();
      default -> null;
    };
    Instant observedAt = event.time() != null ? event.time() : current.observedAt();
    Long generation = event.observedGeneration() != null ? event.observedGeneration() : current.observedGeneration();
    boolean changed = next != current.state() || !Objects.equals(ready, current.readyPods())
        || !Objects.equals(desired, current.desiredPods()) || !Objects.equals(reason, current.reason());
    Instant changedAt = changed && event.time() != null ? event.time() : current.changedAt();
    return new Outcome(new Card(next, ready, desired, reason, changedAt, observedAt, generation), true, changed,
        null);
  }

  /** Older generation (when both have one) or, else, an earlier time than what the card was derived from. */
  static boolean isStale(Card current, Observation event) {
    if (current.observedGeneration() != null && event.observedGeneration() != null) {
      return event.observedGeneration() < current.observedGeneration()
          || event.observedGeneration().equals(current.observedGeneration()) && event.time() != null
              && current.observedAt() != null && event.time().isBefore(current.observedAt());
    }
    return current.observedAt() != null && event.time() != null && event.time().isBefore(current.observedAt());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
