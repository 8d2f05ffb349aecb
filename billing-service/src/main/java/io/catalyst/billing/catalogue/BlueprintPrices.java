package io.catalyst.billing.catalogue;

import io.catalyst.billing.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code blueprint_price} table. */
@Repository
public class BlueprintPrices {

  private final JdbcClient jdbc;

  BlueprintPrices(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<BlueprintPrice> all(Currency currency) {
    return jdbc.sql("select * from blueprint_price where currency = :currency order by kind, blueprint")
        .param("currency", currency.getCurrencyCode()).query((rs, n) -> price(rs, currency)).list();
  }

  /** The prices of those of {@code blueprints} that have one, by name. */
  public Map<String, BlueprintPrice> of(Collection<String> blueprints, Currency currency) {
    if (blueprints.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("select * from blueprint_price where currency = :currency and blueprint in (:names)")
        .param("currency", currency.getCurrencyCode()).param("names", blueprints)
        .query((rs, n) -> price(rs, currency)).list().stream()
        .collect(Collectors.toMap(BlueprintPrice::blueprint, Function.identity()));
  }

  private static BlueprintPrice price(ResultSet rs, Currency currency) throws SQLException {
    return new BlueprintPrice(rs.getString("blueprint"), BlueprintPrice.Kind.valueOf(rs.getString("kind")),
        Money.ofMinor(rs.getLong("monthly_minor"), currency), rs.getInt("cpu_millis"), rs.getInt("memory_mb"),
        rs.getString("recommended_plan"));
  }
}
