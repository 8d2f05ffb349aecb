package io.catalyst.billing.credit;

import io.catalyst.billing.contract.BillingEvents;
import io.catalyst.billing.money.Money;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Credit moves: each is a ledger entry and a {@code credit-entry.added} event, in the caller's transaction. */
@Service
public class Credits {

  private final CreditLedger ledger;
  private final Outbox outbox;
  private final Clock clock;

  Credits(CreditLedger ledger, Outbox outbox, Clock clock) {
    this.ledger = ledger;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Grants (positive) or spends (negative) {@code amount}; returns the entry's id. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long add(String organization, Money amount, String reason, String voucher, UUID order, String actor) {
    if (amount.isZero()) {
      throw new IllegalArgumentException("a credit entry is never 0");
    }
    long id = ledger.append(organization, amount, reason, voucher, order, actor, clock.instant());
    Money balance = ledger.balance(organization, amount.currency());
    outbox.publish(CatalystEvent.of(BillingEvents.CREDIT_ENTRY_ADDED, "credit-entry/" + id, organization,
        new BillingEvents.CreditEntryAdded(id, organization, amount.minor(), amount.currency().getCurrencyCode(),
            reason, voucher, order == null ? null : order.toString(), balance.minor())).by(actor));
    return id;
  }
}
