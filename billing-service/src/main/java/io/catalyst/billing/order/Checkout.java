package io.catalyst.billing.order;

import io.catalyst.billing.catalogue.Catalogue;
import io.catalyst.billing.catalogue.Plan;
import io.catalyst.billing.contract.BillingApi;
import io.catalyst.billing.contract.BillingEvents;
import io.catalyst.billing.credit.CreditLedger;
import io.catalyst.billing.credit.Credits;
import io.catalyst.billing.money.Money;
import io.catalyst.billing.quote.Quotes;
import io.catalyst.billing.voucher.VoucherService;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checkout: prices the plan and the install (the total is fixed first), then runs the {@link CheckoutSaga} in one
 * transaction: open the order, redeem the voucher, pay with credit, complete and announce {@code order.completed}.
 * A failed step is compensated step by step and the failed order is kept with its reason; nothing is left half
 * done. An order the credit does not cover fails for now: a payment provider is a later slice.
 */
@Service
public class Checkout {

  private final Quotes quotes;
  private final Catalogue catalogue;
  private final Orders orders;
  private final VoucherService vouchers;
  private final Credits credits;
  private final CreditLedger ledger;
  private final Outbox outbox;
  private final Clock clock;

  Checkout(Quotes quotes, Catalogue catalogue, Orders orders, VoucherService vouchers, Credits credits,
      CreditLedger ledger, Outbox outbox, Clock clock) {
    this.quotes = quotes;
    this.catalogue = catalogue;
    this.orders = orders;
    this.vouchers = vouchers;
    this.credits = credits;
    this.ledger = ledger;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * A checkout: the plan subscribed to, optionally the install plan (provisioning's id) to apply in
   * {@code environment} with its Applications (and bundle) as the quote takes them, and a voucher.
   */
  public record CheckoutRequest(String plan, String environment, String installPlan, String bundle,
      List<BillingApi.Item> items, String voucher) {}

  /** The order, and for a failed one the saga's outcome (what failed, what was compensated). */
  public record Result(Order order, boolean replayed, CheckoutSaga.Outcome outcome) {}

  static final List<CheckoutSaga.Step> STEPS = List.of(CheckoutSaga.Step.values());

  @Transactional
  public Result checkout(Caller caller, String organization, CheckoutRequest request, String idempotencyKey) {
    if (idempotencyKey != null) {
      var earlier = orders.byKey(organization, idempotencyKey);
      if (earlier.isPresent()) {
        return new Result(earlier.get(), true, null);
      }
    }
    validate(request);
    // Price first: nothing is written, nothing redeemed, until the total is known.
    var quote = quotes.quote(caller, new BillingApi.QuoteRequest(organization, request.environment(), request.plan(),
        request.bundle(), request.items(), null, null));
    if (!quote.withinLimits()) {
      throw ProblemException.unprocessable("Plan " + request.plan() + " does not allow this: "
          + String.join("; ", quote.limitProblems()) + ".").with("limitProblems", quote.limitProblems());
    }
    Plan plan = catalogue.plan(request.plan()).orElseThrow();
    Money total = plan.monthly().plus(Money.ofMinor(quote.monthlyChangeMinor(), catalogue.currency()));
    Order order = new Order(UUID.randomUUID(), organization, request.environment(), request.installPlan(),
        plan.slug(), total, request.voucher() == null ? null : request.voucher().trim().toUpperCase(),
        Order.Status.pending, null, clock.instant(), null);
    String actor = caller.subject();
    var outcome = CheckoutSaga.run(STEPS, new CheckoutSaga.Actions() {
      @Override
      public void run(CheckoutSaga.Step step) {
        switch (step) {
          case OPEN_ORDER -> orders.open(order, idempotencyKey, actor);
          case REDEEM_VOUCHER -> {
            if (order.voucher() != null) {
              vouchers.redeem(organization, order.voucher(), actor);
            }
          }
          case PAY_WITH_CREDIT -> {
            ledger.lock(organization);
            Money balance = ledger.balance(organization, total.currency());
            if (balance.compareTo(total) < 0) {
              throw ProblemException.unprocessable("The credit (" + balance + ") does not cover the order's total ("
                  + total + "), and payment by card is not available yet: redeem a voucher or choose a smaller plan.");
            }
            if (total.isPositive()) {
              credits.add(organization, total.negate(), "order-payment", null, order.id(), actor);
            }
          }
          case COMPLETE -> {
            orders.complete(order.id(), clock.instant());
            outbox.publish(CatalystEvent.of(BillingEvents.ORDER_COMPLETED, "order/" + order.id(), organization,
                new BillingEvents.OrderCompleted(organization, order.id().toString(), order.installPlan(),
                    order.environment(), total.minor(), total.currency().getCurrencyCode()))
                .inEnvironment(order.environment()).by(actor));
          }
        }
      }

      @Override
      public void compensate(CheckoutSaga.Step step, RuntimeException cause) {
        switch (step) {
          case OPEN_ORDER -> orders.fail(order.id(), reason(cause));
          case REDEEM_VOUCHER -> {
            if (order.voucher() != null) {
              vouchers.reverse(organization, order.voucher(), "order " + order.id() + " failed", actor);
            }
          }
          case PAY_WITH_CREDIT -> {
            if (total.isPositive()) {
              credits.add(organization, total, "order-refund", null, order.id(), actor);
            }
          }
          case COMPLETE -> { }
        }
      }
    });
    return new Result(orders.find(order.id()).orElseThrow(), false, outcome);
  }

  static String reason(RuntimeException cause) {
    return cause instanceof ProblemException p ? p.getMessage() : "an internal error stopped the checkout";
  }

  private void validate(CheckoutRequest r) {
    List<FieldProblem> problems = new ArrayList<>();
    if (r.plan() == null || catalogue.plan(r.plan()).isEmpty()) {
      problems.add(FieldProblem.field("plan", "must be one of "
          + String.join(", ", catalogue.plans().stream().map(Plan::slug).toList())));
    }
    if (r.installPlan() != null && (r.environment() == null || r.environment().isBlank())) {
      problems.add(FieldProblem.field("environment", "name the Environment the install plan is for"));
    }
    if (r.installPlan() == null && r.items() != null && !r.items().isEmpty()) {
      problems.add(FieldProblem.field("installPlan", "give the install plan these Applications belong to"));
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The checkout has " + problems.size() + " problem"
          + (problems.size() == 1 ? "" : "s") + "; see errors.", problems);
    }
  }
}
