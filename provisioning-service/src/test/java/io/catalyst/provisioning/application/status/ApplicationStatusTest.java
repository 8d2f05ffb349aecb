package io.catalyst.provisioning.application.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.application.status.ApplicationStatus.Card;
import io.catalyst.provisioning.application.status.ApplicationStatus.Observation;
import io.catalyst.provisioning.application.status.ApplicationStatus.Outcome;
import io.catalyst.provisioning.application.status.ApplicationStatus.State;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationStatusTest {

  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final Card FRESH = Card.initial(State.INSTALLING, T0);

  static Observation at(int seconds, String phase, Integer ready, Integer desired, String reason) {
    return new Observation("muscat", "muscat-prod", "pharmacy-erp", phase, ready, desired, reason, "abc",
        T0.plusSeconds(seconds), null);
  }

  @Test
  void installingThenRunning() {
    Outcome installing = ApplicationStatus.apply(FRESH, at(1, "Installing", 0, 1, null));
    assertThat(installing.applied()).isTrue();
    assertThat(installing.card().state()).isEqualTo(State.INSTALLING);
    assertThat(installing.changed()).isTrue(); // pods 0/1 are new
    Outcome running = ApplicationStatus.apply(installing.card(), at(3, "Running", 1, 1, null));
    assertThat(running.changed()).isTrue();
    assertThat(running.card().state()).isEqualTo(State.RUNNING);
    assertThat(running.card().changedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(running.card().display()).isEqualTo("Running");
  }

  @Test
  void runningWithFewerReadyThanDesiredPodsIsDegraded() {
    Outcome degraded = ApplicationStatus.apply(FRESH, at(1, "Running", 1, 2, null));
    assertThat(degraded.card().state()).isEqualTo(State.DEGRADED);
    assertThat(degraded.card().display()).isEqualTo("Degraded (1/2)");
    Outcome healed = ApplicationStatus.apply(degraded.card(), at(2, "Ready", 2, 2, null));
    assertThat(healed.card().state()).isEqualTo(State.RUNNING);
  }

  @Test
  void failedCarriesItsReasonAlways() {
    Outcome failed = ApplicationStatus.apply(FRESH, at(1, "Failed", 0, 1, "ImagePullBackOff: erpnext:15.70.2"));
    assertThat(failed.card().display()).isEqualTo("Failed: ImagePullBackOff: erpnext:15.70.2");
    assertThat(ApplicationStatus.apply(FRESH, at(1, "Failed", 0, 1, " ")).card().reason()).isNotBlank();
    // A reason does not linger once it runs again.
    assertThat(ApplicationStatus.apply(failed.card(), at(2, "Running", 1, 1, "old")).card().reason()).isNull();
  }

  @Test
  void everyCardStateHasAPhase() {
    Map<String, State> phases = Map.of("Progressing", State.UPDATING, "Updating", State.UPDATING,
        "Suspended", State.PAUSED, "Paused", State.PAUSED, "PendingApproval", State.PENDING_APPROVAL,
        "pending-approval", State.PENDING_APPROVAL, "Stalled", State.FAILED, "Degraded", State.DEGRADED);
    phases.forEach((phase, state) ->
        assertThat(ApplicationStatus.apply(FRESH, at(1, phase, 1, 1, "r")).card().state()).as(phase).isEqualTo(state));
    assertThat(State.ofLabel("pending approval")).contains(State.PENDING_APPROVAL);
  }

  @Test
  void anOlderEventNeverOverwritesANewerState() {
    Card running = ApplicationStatus.apply(FRESH, at(10, "Running", 1, 1, null)).card();
    Outcome late = ApplicationStatus.apply(running, at(5, "Installing", 0, 1, null));
    assertThat(late.applied()).isFalse();
    assertThat(late.changed()).isFalse();
    assertThat(late.card()).isEqualTo(running);
    // The same time is not older: a replay of the same state changes nothing.
    Outcome replay = ApplicationStatus.apply(running, at(10, "Running", 1, 1, null));
    assertThat(replay.applied()).isTrue();
    assertThat(replay.changed()).isFalse();
  }

  @Test
  void generationsOrderEventsWhenBothHaveOne() {
    Observation gen3 = new Observation("o", "o-dev", "a", "Running", 1, 1, null, "c3", T0.plusSeconds(1), 3L);
    Card card = ApplicationStatus.apply(FRESH, gen3).card();
    // A later clock but an older generation (another reporter's skewed clock) is stale.
    Observation gen2 = new Observation("o", "o-dev", "a", "Failed", 0, 1, "x", "c2", T0.plusSeconds(9), 2L);
    assertThat(ApplicationStatus.apply(card, gen2).applied()).isFalse();
    Observation gen4 = new Observation("o", "o-dev", "a", "Updating", 1, 1, null, "c4", T0.plusSeconds(2), 4L);
    assertThat(ApplicationStatus.apply(card, gen4).card().state()).isEqualTo(State.UPDATING);
  }

  @Test
  void anUnknownPhaseChangesNothing() {
    Outcome unknown = ApplicationStatus.apply(FRESH, at(1, "Sleeping", 1, 1, null));
    assertThat(unknown.applied()).isFalse();
    assertThat(unknown.card()).isEqualTo(FRESH);
  }
}
