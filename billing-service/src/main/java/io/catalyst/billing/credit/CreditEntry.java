package io.catalyst.billing.credit;

import io.catalyst.billing.money.Money;
import java.time.Instant;
import java.util.UUID;

/** One line of an Organization's credit ledger: + a grant, − a spend. */
public record CreditEntry(long id, String organization, Money amount, String reason, String voucher, UUID order,
    String actor, Instant at) {}
