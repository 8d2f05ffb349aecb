package io.catalyst.billing.order;

import static io.catalyst.billing.order.CheckoutSaga.Step.COMPLETE;
import static io.catalyst.billing.order.CheckoutSaga.Step.OPEN_ORDER;
import static io.catalyst.billing.order.CheckoutSaga.Step.PAY_WITH_CREDIT;
import static io.catalyst.billing.order.CheckoutSaga.Step.REDEEM_VOUCHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.billing.order.CheckoutSaga.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Given step N fails → these compensations, in this order; without infrastructure. */
class CheckoutSagaTest {

  /** Records what ran; fails the steps and compensations it is told to. */
  static final class Recorder implements CheckoutSaga.Actions {
    final List<String> log = new ArrayList<>();
    final Set<Step> failing;
    final Set<Step> failingCompensations;

    Recorder(Set<Step> failing, Set<Step> failingCompensations) {
      this.failing = failing;
      this.failingCompensations = failingCompensations;
    }

    @Override
    public void run(Step step) {
      if (failing.contains(step)) {
        throw new IllegalStateException(step + " failed");
      }
      log.add("run " + step);
    }

    @Override
    public void compensate(Step step, RuntimeException cause) {
      if (failingCompensations.contains(step)) {
        throw new IllegalStateException("could not undo " + step);
      }
      log.add("undo " + step + " because " + cause.getMessage());
    }
  }

  static final List<Step> STEPS = Checkout.STEPS;

  @Test
  void everyStepRunsInOrderWhenNoneFails() {
    var actions = new Recorder(Set.of(), Set.of());
    var outcome = CheckoutSaga.run(STEPS, actions);
    assertThat(outcome.completed()).isTrue();
    assertThat(actions.log).containsExactly("run OPEN_ORDER", "run REDEEM_VOUCHER", "run PAY_WITH_CREDIT",
        "run COMPLETE");
  }

  @Test
  void openingFailsNothingToUndo() {
    var actions = new Recorder(Set.of(OPEN_ORDER), Set.of());
    var outcome = CheckoutSaga.run(STEPS, actions);
    assertThat(outcome.failedAt()).isEqualTo(OPEN_ORDER);
    assertThat(outcome.compensated()).isEmpty();
    assertThat(actions.log).isEmpty();
  }

  @Test
  void theVoucherIsRefusedTheOrderIsMarkedFailed() {
    var actions = new Recorder(Set.of(REDEEM_VOUCHER), Set.of());
    var outcome = CheckoutSaga.run(STEPS, actions);
    assertThat(outcome.compensated()).containsExactly(OPEN_ORDER);
    assertThat(actions.log).containsExactly("run OPEN_ORDER", "undo OPEN_ORDER because REDEEM_VOUCHER failed");
  }

  @Test
  void theCreditDoesNotCoverItTheRedemptionIsReversedThenTheOrderFailed() {
    var actions = new Recorder(Set.of(PAY_WITH_CREDIT), Set.of());
    var outcome = CheckoutSaga.run(STEPS, actions);
    assertThat(outcome.compensated()).containsExactly(REDEEM_VOUCHER, OPEN_ORDER);
    assertThat(actions.log).containsExactly("run OPEN_ORDER", "run REDEEM_VOUCHER",
        "undo REDEEM_VOUCHER because PAY_WITH_CREDIT failed", "undo OPEN_ORDER because PAY_WITH_CREDIT failed");
  }

  @Test
  void completingFailsThePaymentIsRefundedTheRedemptionReversedTheOrderFailed() {
    var actions = new Recorder(Set.of(COMPLETE), Set.of());
    var outcome = CheckoutSaga.run(STEPS, actions);
    assertThat(outcome.compensated()).containsExactly(PAY_WITH_CREDIT, REDEEM_VOUCHER, OPEN_ORDER);
    assertThat(outcome.unresolved()).isEmpty();
  }

  @Test
  void aCompensationThatFailsIsLeftForAnOperatorAndTheOthersStillRun() {
    var actions = new Recorder(Set.of(COMPLETE), Set.of(REDEEM_VOUCHER));
    var outcome = CheckoutSaga.run(STEPS, actions);
    assertThat(outcome.compensated()).containsExactly(PAY_WITH_CREDIT, OPEN_ORDER);
    assertThat(outcome.unresolved()).containsExactly(
        "reverse the redemption and take its credit back: could not undo REDEEM_VOUCHER");
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void theCompensationsOwedAreTheDoneStepsLastFirst(Step failed) {
    List<Step> owed = CheckoutSaga.compensations(STEPS, failed);
    List<Step> expected = new ArrayList<>(STEPS.subList(0, STEPS.indexOf(failed)));
    expected.removeIf(s -> s.compensation() == null);
    assertThat(owed).containsExactlyElementsOf(expected.reversed());
  }
}
