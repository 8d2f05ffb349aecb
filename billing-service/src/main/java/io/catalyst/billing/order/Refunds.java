package io.catalyst.billing.order;

import io.catalyst.billing.contract.BillingEvents;
import io.catalyst.billing.credit.Credits;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's compensation after provisioning: an install plan that was paid for and then rolled back is refunded to
 * the Organization's credit, the order marked {@code refunded} with a reason the user can read, and
 * {@code order.refunded.v1} announced. Only a completed order is refunded, so a replayed rollback refunds once.
 */
@Service
public class Refunds {

  private final Orders orders;
  private final Credits credits;
  private final Outbox outbox;

  Refunds(Orders orders, Credits credits, Outbox outbox) {
    this.orders = orders;
    this.credits = credits;
    this.outbox = outbox;
  }

  /** Refunds the completed orders of {@code installPlan}; returns how many. */
  @Transactional
  public int installRolledBack(String organization, String installPlan, String failedAt, String failure) {
    String reason = "The install could not be completed" + (failedAt == null ? "" : " (" + failedAt + ")")
        + (failure == null ? "" : ": " + failure) + "; the order was refunded to your credit.";
    int refunded = 0;
    for (Order order : orders.completedFor(organization, installPlan)) {
      if (order.total().isPositive()) {
        credits.add(organization, order.total(), "order-refund", null, order.id(), "system");
      }
      orders.refund(order.id(), reason);
      outbox.publish(CatalystEvent.of(BillingEvents.ORDER_REFUNDED, "order/" + order.id(), organization,
          new BillingEvents.OrderRefunded(organization, order.id().toString(), installPlan, order.total().minor(),
              order.total().currency().getCurrencyCode(), reason)).inEnvironment(order.environment()));
      refunded++;
    }
    return refunded;
  }
}
