package io.catalyst.billing.catalogue;

import io.catalyst.billing.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code plan} table. */
@Repository
public class Plans {

  private final JdbcClient jdbc;

  Plans(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The plans priced in {@code currency}, in the order the marketplace shows them. */
  public List<Plan> all(Currency currency) {
    return jdbc.sql("select * from plan where currency = :currency order by sort_order, slug")
        .param("currency", currency.getCurrencyCode()).query(Plans::plan).list();
  }

  public Optional<Plan> find(String slug, Currency currency) {
    return jdbc.sql("select * from plan where slug = :slug and currency = :currency")
        .param("slug", slug).param("currency", currency.getCurrencyCode()).query(Plans::plan).optional();
  }

  private static Plan plan(ResultSet rs, int n) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency"));
    long unit = rs.getLong("usage_unit_minor");
    Money usageUnit = rs.wasNull() ? null : Money.ofMinor(unit, currency);
    return new Plan(rs.getString("slug"), rs.getString("name"), rs.getString("description"),
        Money.ofMinor(rs.getLong("monthly_minor"), currency), usageUnit,
        new PlanLimits(integer(rs, "max_environments"), integer(rs, "max_applications"), integer(rs, "cpu_millis"),
            integer(rs, "memory_mb"), integer(rs, "storage_gb")),
        rs.getBoolean("popular"), Arrays.asList((String[]) rs.getArray("features").getArray()));
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }
}
