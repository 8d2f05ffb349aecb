package io.catalyst.billing.catalogue;

import io.catalyst.billing.money.Money;
import java.util.Currency;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code add_on} table. */
@Repository
public class AddOns {

  private final JdbcClient jdbc;

  AddOns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<AddOn> all(Currency currency) {
    return jdbc.sql("select * from add_on where currency = :currency order by sort_order, slug")
        .param("currency", currency.getCurrencyCode())
        .query((rs, n) -> new AddOn(rs.getString("slug"), rs.getString("name"), rs.getString("description"),
            rs.getString("category"), Money.ofMinor(rs.getLong("monthly_minor"), currency), rs.getBoolean("included")))
        .list();
  }
}
