package io.catalyst.identity.federation;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.federation.FederationProvider.MappingRule;
import io.catalyst.identity.token.KeyEncryption;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Registered upstream providers ({@code federation_provider}) and upstream identities ({@code federated_identity}). */
@Repository
class FederationProviders {

  /** The encryption of upstream client secrets at rest (bound to the provider's id as associated data). */
  static KeyEncryption secretEncryption(IdentityProperties identity) {
    return KeyEncryption.forPurpose("catalyst-federation-client-secret", identity.keys().encryptionSecret(),
        "the client secret of a federation provider");
  }

  private static final TypeReference<List<MappingRule>> RULES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final RowMapper<FederationProvider> provider;

  FederationProviders(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.provider = (rs, i) -> new FederationProvider(rs.getString("id"), rs.getString("display_name"),
        rs.getString("issuer_uri"), rs.getString("client_id"), rs.getBytes("client_secret"),
        strings(rs.getArray("scopes")), json.readValue(rs.getString("mappings"), RULES),
        rs.getString("default_role"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
  }

  /** False when the id or the issuer is taken. */
  boolean insert(FederationProvider p) {
    return jdbc.sql("""
        insert into federation_provider (id, display_name, issuer_uri, client_id, client_secret, scopes, mappings,
                                         default_role, created_by, created_at)
        values (:id, :name, :issuer, :client, :secret, :scopes, cast(:mappings as jsonb), :role, :by, :at)
        on conflict do nothing""")
        .param("id", p.id()).param("name", p.displayName()).param("issuer", p.issuerUri())
        .param("client", p.clientId()).param("secret", p.sealedClientSecret())
        .param("scopes", p.scopes().toArray(String[]::new))
        .param("mappings", json.writeValueAsString(p.mappings())).param("role", p.defaultRole())
        .param("by", p.createdBy()).param("at", Timestamp.from(p.createdAt()))
        .update() == 1;
  }

  Optional<FederationProvider> find(String id) {
    return jdbc.sql("select * from federation_provider where id = :id").param("id", id).query(provider).optional();
  }

  boolean issuerTaken(String issuer) {
    return jdbc.sql("select count(*) from federation_provider where issuer_uri = :issuer").param("issuer", issuer)
        .query(Long.class).single() > 0;
  }

  List<FederationProvider> all() {
    return jdbc.sql("select * from federation_provider order by id").query(provider).list();
  }

  boolean delete(String id) {
    return jdbc.sql("delete from federation_provider where id = :id").param("id", id).update() == 1;
  }

  /** The local user an upstream identity is linked to. */
  Optional<UUID> linkedUser(String issuer, String subject) {
    return jdbc.sql("select user_id from federated_identity where issuer = :issuer and subject = :subject")
        .param("issuer", issuer).param("subject", subject).query(UUID.class).optional();
  }

  void link(String issuer, String subject, String providerId, UUID user, String email, Instant now) {
    jdbc.sql("""
        insert into federated_identity (issuer, subject, provider, user_id, email, created_at, last_login_at)
        values (:issuer, :subject, :provider, :user, :email, :now, :now)""")
        .param("issuer", issuer).param("subject", subject).param("provider", providerId).param("user", user)
        .param("email", email).param("now", Timestamp.from(now)).update();
  }

  void touch(String issuer, String subject, String email, Instant now) {
    jdbc.sql("""
        update federated_identity set last_login_at = :now, email = :email
         where issuer = :issuer and subject = :subject""")
        .param("issuer", issuer).param("subject", subject).param("email", email).param("now", Timestamp.from(now))
        .update();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
