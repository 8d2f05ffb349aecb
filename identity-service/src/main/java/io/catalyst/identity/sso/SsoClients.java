package io.catalyst.identity.sso;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sso_client} rows: which Organization, Environment and Application a client belongs to, its secret. */
@Repository
class SsoClients {

  record SsoClient(String clientId, String organization, String environment, String application, String displayName,
      List<String> redirectUris, byte[] secretEncrypted, Instant createdAt, Instant updatedAt) {}

  private static final RowMapper<SsoClient> ROW = (rs, i) -> new SsoClient(rs.getString("client_id"),
      rs.getString("organization"), rs.getString("environment"), rs.getString("application"),
      rs.getString("display_name"), strings(rs.getArray("redirect_uris")), rs.getBytes("secret_encrypted"),
      instant(rs, "created_at"), instant(rs, "updated_at"));

  private final JdbcClient jdbc;

  SsoClients(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<SsoClient> find(String clientId) {
    return jdbc.sql("select * from sso_client where client_id = :id").param("id", clientId).query(ROW).optional();
  }

  Optional<SsoClient> lock(String clientId) {
    return jdbc.sql("select * from sso_client where client_id = :id for update").param("id", clientId).query(ROW)
        .optional();
  }

  /** False when the client exists already (a concurrent first registration). */
  boolean insert(SsoClient c) {
    return jdbc.sql("""
        insert into sso_client (client_id, organization, environment, application, display_name, redirect_uris,
                                secret_encrypted, created_at, updated_at)
        values (:id, :org, :env, :app, :name, :uris, :secret, :created, :created)
        on conflict do nothing""")
        .param("id", c.clientId()).param("org", c.organization()).param("env", c.environment())
        .param("app", c.application()).param("name", c.displayName())
        .param("uris", c.redirectUris().toArray(String[]::new)).param("secret", c.secretEncrypted())
        .param("created", Timestamp.from(c.createdAt())).update() == 1;
  }

  void update(String clientId, String displayName, List<String> redirectUris, Instant now) {
    jdbc.sql("""
        update sso_client set display_name = :name, redirect_uris = :uris, updated_at = :now where client_id = :id""")
        .param("name", displayName).param("uris", redirectUris.toArray(String[]::new))
        .param("now", Timestamp.from(now)).param("id", clientId).update();
  }

  /** Removes the client with everything the authorization server holds of it (authorizations, consents). */
  void delete(String clientId) {
    jdbc.sql("delete from oauth2_authorization where registered_client_id = :id").param("id", clientId).update();
    jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = :id").param("id", clientId)
        .update();
    jdbc.sql("delete from oauth2_registered_client where id = :id").param("id", clientId).update();
    jdbc.sql("delete from sso_client where client_id = :id").param("id", clientId).update();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
