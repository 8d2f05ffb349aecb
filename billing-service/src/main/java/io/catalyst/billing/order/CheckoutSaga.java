package io.catalyst.billing.order;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a checkout, each next to its compensation, run in order; when one fails, the steps done before it are
 * compensated, last first (docs/billing.md, "Checkout"). Pure: the {@link Actions} do the work, so the rules are
 * unit-tested without infrastructure.
 *
 * <p>The order's total is fixed when it is opened, before any voucher is redeemed, so a checkout that fails never
 * burns a redemption: the redemption is reversed.
 */
public final class CheckoutSaga {

  /** A step and what undoes it ({@code null}: nothing to undo). */
  public enum Step {
    OPEN_ORDER("open the order with its total", "mark the order failed with the reason"),
    REDEEM_VOUCHER("redeem the voucher into credit", "reverse the redemption and take its credit back"),
    PAY_WITH_CREDIT("spend the total from the credit", "refund the total to the credit"),
    COMPLETE("complete the order and announce order.completed", null);

    private final String action;
    private final String compensation;

    Step(String action, String compensation) {
      this.action = action;
      this.compensation = compensation;
    }

    public String action() {
      return action;
    }

    public String compensation() {
      return compensation;
    }
  }

  /** The work of each step and of its compensation. */
  public interface Actions {
    void run(Step step);

    void compensate(Step step, RuntimeException cause);
  }

  /**
   * How it ended: {@code failedAt} null when every step ran; else the cause, the steps compensated (in that order) and
   * the compensations that failed themselves (left for an operator).
   */
  public record Outcome(Step failedAt, RuntimeException cause, List<Step> compensated, List<String> unresolved) {
    public boolean completed() {
      return failedAt == null;
    }
  }

  /** The compensations owed when {@code failed} fails: every step done before it that has one, last first. */
  public static List<Step> compensations(List<Step> steps, Step failed) {
    List<Step> owed = new ArrayList<>();
    for (Step step : steps.subList(0, steps.indexOf(failed))) {
      if (step.compensation() != null) {
        owed.addFirst(step);
      }
    }
    return owed;
  }

  public static Outcome run(List<Step> steps, Actions actions) {
    for (Step step : steps) {
      try {
        actions.run(step);
      } catch (RuntimeException e) {
        List<Step> done = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (Step owed : compensations(steps, step)) {
          try {
            actions.compensate(owed, e);
            done.add(owed);
          } catch (RuntimeException c) {
            unresolved.add(owed.compensation() + ": " + c.getMessage());
          }
        }
        return new Outcome(step, e, List.copyOf(done), List.copyOf(unresolved));
      }
    }
    return new Outcome(null, null, List.of(), List.of());
  }

  private CheckoutSaga() {}
}
