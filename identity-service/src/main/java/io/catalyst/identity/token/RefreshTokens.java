package io.catalyst.identity.token;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refresh tokens and their families. Only a SHA-256 of a token is stored; the token is shown to its holder once. */
@Repository
class RefreshTokens {

  private static final String PREFIX = "crt_";

  private final JdbcClient jdbc;

  RefreshTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Presented(byte[] hash, UUID family, UUID userId, Instant usedAt, Instant expiresAt, Instant familyRevokedAt) {}

  UUID startFamily(UUID userId, Instant now) {
    UUID family = UUID.randomUUID();
    jdbc.sql("insert into refresh_family (id, user_id, created_at) values (:id, :user, :now)")
        .param("id", family).param("user", userId).param("now", Timestamp.from(now)).update();
    return family;
  }

  /** A new token in {@code family}; returns its value. */
  String issue(UUID family, Instant now, Instant expiresAt) {
    String token = OpaqueTokens.generate(PREFIX);
    jdbc.sql("insert into refresh_token (token_hash, family_id, issued_at, expires_at) values (:h, :f, :now, :exp)")
        .param("h", hash(token)).param("f", family).param("now", Timestamp.from(now))
        .param("exp", Timestamp.from(expiresAt)).update();
    return token;
  }

  /** The presented token, its row locked until the transaction ends (two concurrent uses cannot both rotate). */
  Optional<Presented> lock(String token) {
    return jdbc.sql("""
        select t.token_hash, t.family_id, f.user_id, t.used_at, t.expires_at, f.revoked_at
        from refresh_token t join refresh_family f on f.id = t.family_id
        where t.token_hash = :h for update of t""")
        .param("h", hash(token))
        .query((rs, i) -> new Presented(rs.getBytes(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
            instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))))
        .optional();
  }

  void markUsed(byte[] hash, Instant now) {
    jdbc.sql("update refresh_token set used_at = :now where token_hash = :h")
        .param("now", Timestamp.from(now)).param("h", hash).update();
  }

  void revokeFamily(UUID family, Instant now, String reason) {
    jdbc.sql("update refresh_family set revoked_at = :now, revoked_reason = :reason where id = :id and revoked_at is null")
        .param("now", Timestamp.from(now)).param("reason", reason).param("id", family).update();
  }

  int revokeAllOf(UUID userId, Instant now, String reason) {
    return jdbc.sql("""
        update refresh_family set revoked_at = :now, revoked_reason = :reason
        where user_id = :user and revoked_at is null""")
        .param("now", Timestamp.from(now)).param("reason", reason).param("user", userId).update();
  }

  Optional<String> familyRevocation(UUID family) {
    return jdbc.sql("select revoked_reason from refresh_family where id = :id and revoked_at is not null")
        .param("id", family).query(String.class).optional();
  }

  static byte[] hash(String token) {
    return OpaqueTokens.hash(token);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
