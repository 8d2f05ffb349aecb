package io.catalyst.promotion.environment;

import io.catalyst.promotion.policy.EnvironmentName;
import io.catalyst.promotion.policy.EnvironmentName.EnvType;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code environment} table: which Environments each Organization has (the promotion order's stops). */
@Repository
public class Environments {

  private final JdbcClient jdbc;

  Environments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void created(EnvironmentName env) {
    jdbc.sql("insert into environment (name, organization, type) values (:name, :org, :type) on conflict do nothing")
        .param("name", env.name()).param("org", env.organization()).param("type", env.type().code()).update();
  }

  void deleted(EnvironmentName env) {
    jdbc.sql("delete from environment where name = :name").param("name", env.name()).update();
  }

  public Set<EnvType> typesOf(String organization) {
    Set<EnvType> types = EnumSet.noneOf(EnvType.class);
    jdbc.sql("select type from environment where organization = :org").param("org", organization)
        .query(String.class).list().forEach(t -> EnvType.ofCode(t).ifPresent(types::add));
    return types;
  }
}
