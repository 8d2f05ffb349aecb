package io.catalyst.billing.voucher;

import io.catalyst.billing.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code voucher} table. */
@Repository
class Vouchers {

  private final JdbcClient jdbc;

  Vouchers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The voucher, revoked or not. */
  Optional<Voucher> find(String code) {
    return jdbc.sql("select * from voucher where code = :code").param("code", code).query(Vouchers::voucher)
        .optional();
  }

  /**
   * The voucher, its row locked until the transaction ends: concurrent redemptions of one code take turns, so the cap
   * and the counter cannot be raced past.
   */
  Optional<Voucher> lock(String code) {
    return jdbc.sql("select * from voucher where code = :code for update").param("code", code)
        .query(Vouchers::voucher).optional();
  }

  /**
   * Inserts or overwrites the voucher by code; a revoked one is resurrected, its redemption count kept (DOMAIN.md
   * §7.4). Returns true when it was inserted.
   */
  boolean upsert(Voucher v, Instant at) {
    return jdbc.sql("""
            insert into voucher (code, currency, credit_minor, description, active, max_redemptions, valid_from,
                                 valid_until, issued_by, created_at, updated_at)
            values (:code, :currency, :credit, :description, :active, :max, :from, :until, :by, :at, :at)
            on conflict (code) do update set currency = excluded.currency, credit_minor = excluded.credit_minor,
              description = excluded.description, active = excluded.active,
              max_redemptions = excluded.max_redemptions, valid_from = excluded.valid_from,
              valid_until = excluded.valid_until, issued_by = excluded.issued_by, updated_at = excluded.updated_at,
              deleted_at = null, revoked_by = null
            returning (xmax = 0)""")
        .param("code", v.code()).param("currency", v.credit().currency().getCurrencyCode())
        .param("credit", v.credit().minor()).param("description", v.description()).param("active", v.active())
        .param("max", v.maxRedemptions()).param("from", timestamp(v.validFrom()))
        .param("until", timestamp(v.validUntil())).param("by", v.issuedBy()).param("at", Timestamp.from(at))
        .query(Boolean.class).single();
  }

  /** Soft delete; false when there is no such unrevoked voucher. */
  boolean revoke(String code, String by, Instant at) {
    return jdbc.sql("""
            update voucher set deleted_at = :at, revoked_by = :by, active = false, updated_at = :at
            where code = :code and deleted_at is null""")
        .param("code", code).param("by", by).param("at", Timestamp.from(at)).update() == 1;
  }

  void countRedemption(String code) {
    jdbc.sql("update voucher set times_redeemed = times_redeemed + 1 where code = :code").param("code", code)
        .update();
  }

  void uncountRedemption(String code) {
    jdbc.sql("update voucher set times_redeemed = times_redeemed - 1 where code = :code and times_redeemed > 0")
        .param("code", code).update();
  }

  List<Voucher> page(boolean withRevoked, int page, int size) {
    return jdbc.sql("select * from voucher where (:all or deleted_at is null) order by created_at desc, code"
            + " limit :size offset :offset")
        .param("all", withRevoked).param("size", size).param("offset", (long) page * size)
        .query(Vouchers::voucher).list();
  }

  long count(boolean withRevoked) {
    return jdbc.sql("select count(*) from voucher where (:all or deleted_at is null)").param("all", withRevoked)
        .query(Long.class).single();
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Voucher voucher(ResultSet rs, int n) throws SQLException {
    return new Voucher(rs.getString("code"), Money.ofMinor(rs.getLong("credit_minor"), rs.getString("currency")),
        rs.getString("description"), rs.getBoolean("active"), rs.getInt("max_redemptions"),
        rs.getInt("times_redeemed"), instant(rs, "valid_from"), instant(rs, "valid_until"), rs.getString("issued_by"),
        instant(rs, "created_at"), instant(rs, "deleted_at"));
  }
}
