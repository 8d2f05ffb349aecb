package io.catalyst.billing.order;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Orders")
class OrderController {

  private final Checkout checkout;
  private final Orders orders;

  OrderController(Checkout checkout, Orders orders) {
    this.checkout = checkout;
    this.orders = orders;
  }

  record OrderView(UUID id, String organization, String environment, String installPlan, String plan,
      long amountMinor, String currency, String voucher, Order.Status status, String failure, Instant createdAt,
      Instant completedAt) {
    static OrderView of(Order o) {
      return new OrderView(o.id(), o.organization(), o.environment(), o.installPlan(), o.plan(), o.total().minor(),
          o.total().currency().getCurrencyCode(), o.voucher(), o.status(), o.failure(), o.createdAt(),
          o.completedAt());
    }
  }

  record OrderPage(List<OrderView> items, int page, int size, long total) {}

  private static String base(String organization) {
    return "/api/v1/billing/organizations/" + organization + "/orders";
  }

  @PostMapping("/api/v1/billing/organizations/{organization}/orders")
  @Operation(summary = "Checkout (org-admin, billing-admin): a plan, optionally an install plan and a voucher. The"
      + " total is fixed before the voucher is redeemed; an order the credit covers completes at once (201, and"
      + " order.completed makes provisioning apply the install plan). A failed checkout is compensated step by step"
      + " and answered as a problem naming the order, the step and what was undone; the voucher is not used up."
      + " Send an Idempotency-Key: a retry answers the first order (200)")
  ResponseEntity<OrderView> checkout(Caller caller, @PathVariable String organization,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody Checkout.CheckoutRequest request) {
    caller.requireVisible(organization, "Organization " + organization);
    caller.requireRole(Role.ORG_ADMIN, Role.BILLING_ADMIN);
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw ProblemException.invalid("The Idempotency-Key must be 1 to 200 characters.",
          List.of(FieldProblem.field("Idempotency-Key", "1 to 200 characters")));
    }
    var result = checkout.checkout(caller, organization, request, key);
    var view = OrderView.of(result.order());
    if (result.replayed()) {
      return ResponseEntity.ok(view);
    }
    var outcome = result.outcome();
    if (!outcome.completed()) {
      ProblemException problem = outcome.cause() instanceof ProblemException p ? p
          : new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, io.catalyst.platform.core.ProblemTypes.INTERNAL,
              "Checkout failed", Checkout.reason(outcome.cause()));
      throw problem.with("order", view.id()).with("failedAt", outcome.failedAt().action())
          .with("compensated", outcome.compensated().stream().map(s -> s.compensation()).toList());
    }
    return ResponseEntity.created(URI.create(base(organization) + "/" + view.id())).body(view);
  }

  @GetMapping("/api/v1/billing/organizations/{organization}/orders")
  @Operation(summary = "The Organization's orders, newest first (org-admin, billing-admin)")
  OrderPage list(Caller caller, @PathVariable String organization, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    caller.requireVisible(organization, "Organization " + organization);
    caller.requireRole(Role.ORG_ADMIN, Role.BILLING_ADMIN);
    if (size < 1 || size > 100 || page < 0) {
      throw ProblemException.invalid("size must be 1 to 100 and page at least 0",
          List.of(FieldProblem.field(page < 0 ? "page" : "size", page < 0 ? "at least 0" : "1 to 100")));
    }
    return new OrderPage(orders.page(organization, page, size).stream().map(OrderView::of).toList(), page, size,
        orders.count(organization));
  }

  @GetMapping("/api/v1/billing/organizations/{organization}/orders/{id}")
  @Operation(summary = "One order (org-admin, billing-admin)")
  OrderView one(Caller caller, @PathVariable String organization, @PathVariable UUID id) {
    caller.requireVisible(organization, "Organization " + organization);
    caller.requireRole(Role.ORG_ADMIN, Role.BILLING_ADMIN);
    return orders.find(id).filter(o -> o.organization().equals(organization)).map(OrderView::of)
        .orElseThrow(() -> ProblemException.notFound("Order " + id));
  }
}
