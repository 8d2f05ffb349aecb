package io.catalyst.billing.voucher;

import io.catalyst.billing.money.Money;
import java.time.Instant;

/**
 * A voucher: a flat credit an Organization may redeem once (DOMAIN.md §7.4), with an optional validity window
 * ({@code validFrom} inclusive, {@code validUntil} exclusive) and cap ({@code maxRedemptions}, 0 = unlimited).
 */
public record Voucher(String code, Money credit, String description, boolean active, int maxRedemptions,
    int timesRedeemed, Instant validFrom, Instant validUntil, String issuedBy, Instant createdAt, Instant revokedAt) {

  /** Whether a voucher accepts a redemption now, and if not, why (in the order they are checked). */
  public enum State {
    REVOKED("was revoked"),
    INACTIVE("is not active"),
    NOT_YET_VALID("is not valid yet"),
    EXPIRED("has expired"),
    CAPPED("has reached its redemption limit"),
    ACCEPTING("accepts redemptions");

    private final String words;

    State(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  public State stateAt(Instant now) {
    if (revokedAt != null) {
      return State.REVOKED;
    }
    if (!active) {
      return State.INACTIVE;
    }
    if (validFrom != null && now.isBefore(validFrom)) {
      return State.NOT_YET_VALID;
    }
    if (validUntil != null && !now.isBefore(validUntil)) {
      return State.EXPIRED;
    }
    if (maxRedemptions > 0 && timesRedeemed >= maxRedemptions) {
      return State.CAPPED;
    }
    return State.ACCEPTING;
  }

  /** Codes are compared upper-cased and trimmed, whoever typed them ({@code welcome } is {@code WELCOME}). */
  public static String normalize(String code) {
    return code == null ? null : code.trim().toUpperCase(java.util.Locale.ROOT);
  }
}
