package io.catalyst.billing.voucher;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code voucher_redemption} table: one row per voucher and Organization (its primary key). */
@Repository
class VoucherRedemptions {

  private final JdbcClient jdbc;

  VoucherRedemptions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String code, String organization) {
    return jdbc.sql("select count(*) from voucher_redemption where code = :code and organization = :org")
        .param("code", code).param("org", organization).query(Long.class).single() > 0;
  }

  void add(String code, String organization, String by, long creditEntry, Instant at) {
    jdbc.sql("""
            insert into voucher_redemption (code, organization, redeemed_by, credit_entry, redeemed_at)
            values (:code, :org, :by, :entry, :at)""")
        .param("code", code).param("org", organization).param("by", by).param("entry", creditEntry)
        .param("at", Timestamp.from(at)).update();
  }

  /** Undoes a redemption (a checkout that failed after it): the Organization may redeem the code again. */
  boolean remove(String code, String organization) {
    return jdbc.sql("delete from voucher_redemption where code = :code and organization = :org")
        .param("code", code).param("org", organization).update() == 1;
  }
}
