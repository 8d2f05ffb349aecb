package io.catalyst.provisioning.application.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.application.status.ApplicationStatus.Card;
import io.catalyst.provisioning.application.status.ApplicationStatus.Observation;
import io.catalyst.provisioning.application.status.ApplicationStatus.Outcome;
import io.catalyst.provisioning.application.status.ApplicationStatus.State;
import io.catalyst.provisioning.application.status.CardState.ConfigurationCommitted;
import io.catalyst.provisioning.application.status.CardState.Decision;
import io.catalyst.provisioning.application.status.CardState.PauseChanged;
import io.catalyst.provisioning.application.status.CardState.Previous;
import io.catalyst.provisioning.application.status.CardState.PromotionDecided;
import io.catalyst.provisioning.application.status.CardState.PromotionRequested;
import io.catalyst.provisioning.application.status.CardState.RuntimeObserved;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every transition of the 7 card states, for every typed input. */
class CardStateTest {

  static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  static final Instant LATER = T0.plusSeconds(60);

  /** A card in {@code state} (Degraded with 1/2 pods, the others 1/1), last observed at T0. */
  static Card in(State state) {
    Integer desired = state == State.DEGRADED ? 2 : 1;
    String reason = state == State.FAILED ? "CrashLoopBackOff" : null;
    return new Card(state, 1, desired, reason, T0, T0, null);
  }

  static Observation observed(State state, Instant at) {
    Integer desired = state == State.DEGRADED ? 2 : 1;
    return new Observation("muscat", "muscat-prod", "pharmacy-erp", state.label().replace(" ", ""),
        1, desired, state == State.FAILED ? "ImagePullBackOff" : "r", "abc", at, null);
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void theRuntimeObservesAnyStateFromAnyState(State from) {
    for (State to : State.values()) {
      Outcome outcome = CardState.next(in(from), new RuntimeObserved(observed(to, LATER)));
      assertThat(outcome.applied()).as(from + " → " + to).isTrue();
      assertThat(outcome.card().state()).as(from + " → " + to).isEqualTo(to);
    }
  }

  @Test
  void anOlderObservationNeverOverwritesTheCard() {
    Outcome stale = CardState.next(in(State.RUNNING), new RuntimeObserved(observed(State.FAILED, T0.minusSeconds(1))));
    assertThat(stale.applied()).isFalse();
    assertThat(stale.card()).isEqualTo(in(State.RUNNING));
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void pausingAnyStateIsPausedWithItsPods(State from) {
    Outcome outcome = CardState.next(in(from), PauseChanged.paused(LATER));
    assertThat(outcome.card().state()).isEqualTo(State.PAUSED);
    assertThat(outcome.card().readyPods()).isEqualTo(in(from).readyPods());
    assertThat(outcome.card().desiredPods()).isEqualTo(in(from).desiredPods());
    assertThat(outcome.card().reason()).isNull();
    assertThat(outcome.changed()).isEqualTo(from != State.PAUSED);
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = "PAUSED", mode = EnumSource.Mode.EXCLUDE)
  void resumingReturnsToTheCardKeptAtThePause(State kept) {
    Card before = in(kept);
    Outcome outcome = CardState.next(in(State.PAUSED), PauseChanged.resumed(
        new Previous(kept.label(), before.readyPods(), before.desiredPods(), before.reason()), LATER));
    assertThat(outcome.changed()).isTrue();
    assertThat(outcome.card().state()).isEqualTo(kept);
    assertThat(outcome.card().readyPods()).isEqualTo(before.readyPods());
    assertThat(outcome.card().desiredPods()).isEqualTo(before.desiredPods());
    assertThat(outcome.card().changedAt()).isEqualTo(LATER);
    if (kept == State.FAILED) {
      assertThat(outcome.card().reason()).isEqualTo("CrashLoopBackOff");
    }
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void aPromotionRequestedIsPendingApprovalFromAnyState(State from) {
    Outcome outcome = CardState.next(in(from), new PromotionRequested("p-42", "muscat-stg", LATER));
    assertThat(outcome.card().state()).isEqualTo(State.PENDING_APPROVAL);
    assertThat(outcome.card().reason()).isEqualTo("Promotion p-42 from muscat-stg awaits approval");
    assertThat(CardState.next(in(from), new PromotionRequested(null, null, LATER)).card().reason())
        .isEqualTo("Promotion from a lower Environment awaits approval");
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void aPromotionApprovedOrMergedIsUpdatingFromAnyState(State from) {
    Outcome approved = CardState.next(in(from),
        new PromotionDecided(Decision.APPROVED, "p-42", "layla", null, null, LATER));
    assertThat(approved.card().state()).isEqualTo(State.UPDATING);
    assertThat(approved.card().reason()).isEqualTo("Promotion p-42 approved by layla");
    Outcome merged = CardState.next(in(from), new PromotionDecided(Decision.MERGED, "p-42", null, null, null, LATER));
    assertThat(merged.card().state()).isEqualTo(State.UPDATING);
    assertThat(merged.card().reason()).isEqualTo("Promotion p-42 merged");
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = "PENDING_APPROVAL", mode = EnumSource.Mode.EXCLUDE)
  void aPromotionRejectedOrCancelledReturnsToTheStateBeforePendingApproval(State before) {
    for (Decision d : EnumSet.of(Decision.REJECTED, Decision.CANCELLED)) {
      Outcome outcome = CardState.next(in(State.PENDING_APPROVAL),
          new PromotionDecided(d, "p-42", "layla", "not now", before.label(), LATER));
      assertThat(outcome.card().state()).as(d + " back to " + before).isEqualTo(before);
      String word = d.name().toLowerCase(java.util.Locale.ROOT);
      if (before == State.FAILED) {
        assertThat(outcome.card().reason()).isEqualTo("Failed before the promotion; Promotion p-42 " + word
            + ": not now");
      }
    }
  }

  @Test
  void aPromotionRejectedWithNoRecordedStateBeforeIsRunning() {
    Outcome outcome = CardState.next(in(State.PENDING_APPROVAL),
        new PromotionDecided(Decision.CANCELLED, "p-42", null, null, null, LATER));
    assertThat(outcome.card().state()).isEqualTo(State.RUNNING);
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = "PENDING_APPROVAL", mode = EnumSource.Mode.EXCLUDE)
  void aPromotionRejectedOrCancelledWhileNotPendingChangesNothing(State from) {
    for (Decision d : EnumSet.of(Decision.REJECTED, Decision.CANCELLED)) {
      Outcome outcome = CardState.next(in(from), new PromotionDecided(d, "p-42", null, null, "Running", LATER));
      assertThat(outcome.applied()).isFalse();
      assertThat(outcome.card()).isEqualTo(in(from));
    }
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = {"RUNNING", "UPDATING", "DEGRADED", "FAILED"})
  void aCommittedConfigurationIsUpdating(State from) {
    Outcome outcome = CardState.next(in(from), new ConfigurationCommitted("main", "0123456789abcdef", "api", LATER));
    assertThat(outcome.card().state()).isEqualTo(State.UPDATING);
    assertThat(outcome.card().reason()).isEqualTo("Commit 0123456 on main (api)");
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = {"INSTALLING", "PAUSED", "PENDING_APPROVAL"})
  void aCommittedConfigurationLeavesInstallingPausedAndPendingApproval(State from) {
    Outcome outcome = CardState.next(in(from), new ConfigurationCommitted("main", "0123456", "push", LATER));
    assertThat(outcome.applied()).isFalse();
    assertThat(outcome.card()).isEqualTo(in(from));
  }
}
