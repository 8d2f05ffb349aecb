package io.catalyst.billing.credit;

import io.catalyst.billing.money.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code credit_entry} table: append-only (a trigger refuses updates and deletes), the balance is the sum of an
 * Organization's entries, never a stored figure.
 */
@Repository
public class CreditLedger {

  private final JdbcClient jdbc;

  CreditLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Appends an entry; returns its id. */
  long append(String organization, Money amount, String reason, String voucher, UUID order, String actor,
      Instant at) {
    return jdbc.sql("""
            insert into credit_entry (organization, currency, amount_minor, reason, voucher, order_id, actor, created_at)
            values (:org, :currency, :amount, :reason, :voucher, :order, :actor, :at) returning id""")
        .param("org", organization).param("currency", amount.currency().getCurrencyCode())
        .param("amount", amount.minor()).param("reason", reason).param("voucher", voucher).param("order", order)
        .param("actor", actor).param("at", Timestamp.from(at))
        .query(Long.class).single();
  }

  /**
   * Locks the Organization's credit until the transaction ends (a PostgreSQL advisory lock): a spend reads the
   * balance and appends under it, so two checkouts cannot both spend the same credit.
   */
  public void lock(String organization) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended('credit:' || :org, 0))").param("org", organization)
        .query((rs, n) -> 1).list();
  }

  public Money balance(String organization, Currency currency) {
    long minor = jdbc.sql("select coalesce(sum(amount_minor), 0) from credit_entry where organization = :org"
            + " and currency = :currency")
        .param("org", organization).param("currency", currency.getCurrencyCode()).query(Long.class).single();
    return Money.ofMinor(minor, currency);
  }

  /** The Organization's entries, newest first. */
  public List<CreditEntry> page(String organization, int page, int size) {
    return jdbc.sql("""
            select * from credit_entry where organization = :org order by id desc limit :size offset :offset""")
        .param("org", organization).param("size", size).param("offset", (long) page * size)
        .query((rs, n) -> new CreditEntry(rs.getLong("id"), rs.getString("organization"),
            Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("reason"),
            rs.getString("voucher"), rs.getObject("order_id", UUID.class), rs.getString("actor"),
            rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  public long count(String organization) {
    return jdbc.sql("select count(*) from credit_entry where organization = :org").param("org", organization)
        .query(Long.class).single();
  }
}
