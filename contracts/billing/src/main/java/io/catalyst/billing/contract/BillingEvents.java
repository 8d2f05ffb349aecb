package io.catalyst.billing.contract;

import java.time.Instant;

/**
 * The CloudEvents types billing-service publishes on {@code catalyst.billing.v1} and their data. The record key is
 * the Organization; events about a voucher itself (issued, revoked) belong to the Sovereign ({@code _sovereign}).
 * Amounts are minor units of {@code currency}.
 */
public final class BillingEvents {

  public static final String PREFIX = "io.catalyst.billing.";

  public static final String VOUCHER_ISSUED = PREFIX + "voucher.issued.v1";
  public static final String VOUCHER_REVOKED = PREFIX + "voucher.revoked.v1";
  public static final String VOUCHER_REDEEMED = PREFIX + "voucher.redeemed.v1";
  public static final String CREDIT_ENTRY_ADDED = PREFIX + "credit-entry.added.v1";
  public static final String ORDER_COMPLETED = PREFIX + "order.completed.v1";
  public static final String ORDER_REFUNDED = PREFIX + "order.refunded.v1";

  /**
   * A voucher as issued (also when re-issued: an upsert by code): its credit, whether it accepts redemptions, its cap
   * (0 = unlimited) and validity window (null = open).
   */
  public record VoucherIssued(String code, long creditMinor, String currency, String description, boolean active,
      int maxRedemptions, Instant validFrom, Instant validUntil, String issuedBy) {}

  /** A voucher revoked (soft-deleted): redemptions stop, those made stay. */
  public record VoucherRevoked(String code, String revokedBy) {}

  /** {@code organization} redeemed {@code code}; its credit is ledger entry {@code creditEntry}. */
  public record VoucherRedeemed(String code, String organization, long creditMinor, String currency,
      String redeemedBy, long creditEntry) {}

  /**
   * An entry of an Organization's credit ledger (+ grant, − spend) and the balance after it; {@code voucher} or
   * {@code order} say where it came from.
   */
  public record CreditEntryAdded(long entry, String organization, long amountMinor, String currency, String reason,
      String voucher, String order, long balanceMinor) {}

  /**
   * An order is paid: provisioning applies {@code installPlan} in {@code environment} (idempotency key: the order id).
   */
  public record OrderCompleted(String organization, String order, String installPlan, String environment,
      long amountMinor, String currency) {}

  /**
   * A completed order was refunded to the Organization's credit because provisioning rolled its install plan back;
   * {@code reason} says why, for the user.
   */
  public record OrderRefunded(String organization, String order, String installPlan, long amountMinor,
      String currency, String reason) {}

  private BillingEvents() {}
}
