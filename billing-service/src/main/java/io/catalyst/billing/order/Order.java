package io.catalyst.billing.order;

import io.catalyst.billing.money.Money;
import java.time.Instant;
import java.util.UUID;

/** A checkout's order: a plan and an install plan, its total fixed before any redemption. */
public record Order(UUID id, String organization, String environment, String installPlan, String plan, Money total,
    String voucher, Status status, String failure, Instant createdAt, Instant completedAt) {

  public enum Status {
    pending,
    completed,
    failed,
    refunded
  }
}
