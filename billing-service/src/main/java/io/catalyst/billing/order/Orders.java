package io.catalyst.billing.order;

import io.catalyst.billing.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code orders} table. */
@Repository
class Orders {

  private final JdbcClient jdbc;

  Orders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void open(Order o, String idempotencyKey, String by) {
    jdbc.sql("""
            insert into orders (id, organization, environment, install_plan, plan, currency, amount_minor, voucher,
                                status, idempotency_key, created_by, created_at)
            values (:id, :org, :env, :install, :plan, :currency, :amount, :voucher, 'pending', :key, :by, :at)""")
        .param("id", o.id()).param("org", o.organization()).param("env", o.environment())
        .param("install", o.installPlan()).param("plan", o.plan())
        .param("currency", o.total().currency().getCurrencyCode()).param("amount", o.total().minor())
        .param("voucher", o.voucher()).param("key", idempotencyKey).param("by", by)
        .param("at", Timestamp.from(o.createdAt())).update();
  }

  void complete(UUID id, Instant at) {
    jdbc.sql("update orders set status = 'completed', completed_at = :at where id = :id and status = 'pending'")
        .param("id", id).param("at", Timestamp.from(at)).update();
  }

  void fail(UUID id, String failure) {
    jdbc.sql("update orders set status = 'failed', failure = :failure where id = :id")
        .param("id", id).param("failure", failure).update();
  }

  /** The completed orders that paid for {@code installPlan} of the Organization, locked until the transaction ends. */
  List<Order> completedFor(String organization, String installPlan) {
    return jdbc.sql("select * from orders where organization = :org and install_plan = :install"
            + " and status = 'completed' for update")
        .param("org", organization).param("install", installPlan).query(Orders::order).list();
  }

  void refund(UUID id, String reason) {
    jdbc.sql("update orders set status = 'refunded', failure = :reason where id = :id and status = 'completed'")
        .param("id", id).param("reason", reason).update();
  }

  Optional<Order> find(UUID id) {
    return jdbc.sql("select * from orders where id = :id").param("id", id).query(Orders::order).optional();
  }

  Optional<Order> byKey(String organization, String key) {
    return jdbc.sql("select * from orders where organization = :org and idempotency_key = :key")
        .param("org", organization).param("key", key).query(Orders::order).optional();
  }

  List<Order> page(String organization, int page, int size) {
    return jdbc.sql("select * from orders where organization = :org order by created_at desc, id"
            + " limit :size offset :offset")
        .param("org", organization).param("size", size).param("offset", (long) page * size)
        .query(Orders::order).list();
  }

  long count(String organization) {
    return jdbc.sql("select count(*) from orders where organization = :org").param("org", organization)
        .query(Long.class).single();
  }

  private static Order order(ResultSet rs, int n) throws SQLException {
    Timestamp completed = rs.getTimestamp("completed_at");
    return new Order(rs.getObject("id", UUID.class), rs.getString("organization"), rs.getString("environment"),
        rs.getString("install_plan"), rs.getString("plan"),
        Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("voucher"),
        Order.Status.valueOf(rs.getString("status")), rs.getString("failure"),
        rs.getTimestamp("created_at").toInstant(), completed == null ? null : completed.toInstant());
  }
}
