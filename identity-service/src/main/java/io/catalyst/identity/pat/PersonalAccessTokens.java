package io.catalyst.identity.pat;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.organization.OrganizationStatus;
import io.catalyst.identity.token.AccessTokenClaims;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.Users;
import io.catalyst.identity.web.Page;
import io.catalyst.platform.core.CatalystClaims;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens of a user: create (shown once), list, revoke; and introspection for services, which answers
 * the owner's current Organization, roles, teams and Environments (read at each call, like an access token's claims).
 */
@Service
public class PersonalAccessTokens {

  public record Pat(UUID id, UUID userId, String name, List<String> scopes, Instant createdAt, Instant expiresAt,
      Instant lastUsedAt, Instant revokedAt) {}

  public record Created(UUID id, String name, List<String> scopes, Instant createdAt, Instant expiresAt,
      String token) {}

  public record View(UUID id, String name, List<String> scopes, Instant createdAt, Instant expiresAt,
      Instant lastUsedAt, Instant revokedAt, boolean active) {}

  private static final RowMapper<Pat> ROW = (rs, i) -> new Pat(rs.getObject("id", UUID.class),
      rs.getObject("user_id", UUID.class), rs.getString("name"), strings(rs.getArray("scopes")),
      instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));

  private final JdbcClient jdbc;
  private final Users users;
  private final AccessTokenClaims claims;
  private final OrganizationStatus status;
  private final Outbox outbox;
  private final Clock clock;

  PersonalAccessTokens(JdbcClient jdbc, Users users, AccessTokenClaims claims, OrganizationStatus status,
      Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.users = users;
    this.claims = claims;
    this.status = status;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public Created create(Caller caller, String name, List<String> scopes, Integer expiresInDays) {
    UUID user = user(caller);
    Instant now = clock.instant();
    PatPolicy.Valid valid = PatPolicy.validate(name, scopes, expiresInDays, now);
    String token = PatPolicy.generate();
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        insert into personal_access_token (id, user_id, name, token_hash, scopes, created_at, expires_at)
        values (:id, :user, :name, :hash, :scopes, :now, :expires)""")
        .param("id", id).param("user", user).param("name", valid.name()).param("hash", PatPolicy.hash(token))
        .param("scopes", valid.scopes().toArray(String[]::new)).param("now", Timestamp.from(now))
        .param("expires", Timestamp.from(valid.expiresAt())).update();
    outbox.publish(CatalystEvent.of(IdentityEvents.TOKEN_CREATED, "users/" + user + "/tokens/" + id, org(user),
        new IdentityEvents.TokenCreated(user.toString(), id.toString(), valid.name(), valid.scopes(),
            valid.expiresAt())).by(user.toString()));
    return new Created(id, valid.name(), valid.scopes(), now, valid.expiresAt(), token);
  }

  @Transactional(readOnly = true)
  public Page<View> list(Caller caller, int page, int size) {
    UUID user = user(caller);
    Page.check(page, size);
    Instant now = clock.instant();
    List<View> items = jdbc.sql("""
        select * from personal_access_token where user_id = :user order by created_at desc, id
         limit :limit offset :offset""").param("user", user).param("limit", size)
        .param("offset", (long) page * size).query(ROW).list().stream()
        .map(p -> new View(p.id(), p.name(), p.scopes(), p.createdAt(), p.expiresAt(), p.lastUsedAt(),
            p.revokedAt(), PatPolicy.active(p.expiresAt(), p.revokedAt(), now))).toList();
    long total = jdbc.sql("select count(*) from personal_access_token where user_id = :user").param("user", user)
        .query(Long.class).single();
    return new Page<>(items, page, size, total);
  }

  /** Revokes one of the caller's tokens; another user's token is 404. Revoking twice is harmless. */
  @Transactional
  public void revoke(Caller caller, UUID id) {
    UUID user = user(caller);
    Pat pat = jdbc.sql("select * from personal_access_token where id = :id and user_id = :user for update")
        .param("id", id).param("user", user).query(ROW).optional()
        .orElseThrow(() -> ProblemException.notFound("Token " + id));
    if (pat.revokedAt() == null) {
      jdbc.sql("update personal_access_token set revoked_at = :now where id = :id")
          .param("now", Timestamp.from(clock.instant())).param("id", id).update();
      outbox.publish(CatalystEvent.of(IdentityEvents.TOKEN_REVOKED, "users/" + user + "/tokens/" + id, org(user),
          new IdentityEvents.TokenRevoked(user.toString(), id.toString())).by(user.toString()));
    }
  }

  /**
   * For services only: whether {@code token} is a usable PAT, and if so whose, with the owner's current claims.
   * Inactive (unknown, expired, revoked, Organization suspended) answers {@code {"active": false}}.
   */
  @Transactional
  public Map<String, Object> introspect(Caller caller, String token) {
    if (!caller.isService()) {
      throw ProblemException.forbidden("Only Catalyst services may introspect tokens.");
    }
    return use(token).map(used -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("active", true);
      out.put("tokenId", used.pat().id());
      out.put("sub", used.pat().userId().toString());
      out.put(CatalystClaims.ORGANIZATION, used.claims().get(CatalystClaims.ORGANIZATION));
      out.put(CatalystClaims.ROLES, used.claims().get(CatalystClaims.ROLES));
      out.put(CatalystClaims.TEAMS, used.claims().getOrDefault(CatalystClaims.TEAMS, List.of()));
      out.put(CatalystClaims.ENVIRONMENTS, used.claims().getOrDefault(CatalystClaims.ENVIRONMENTS, List.of()));
      out.put("scopes", used.pat().scopes());
      out.put("expiresAt", used.pat().expiresAt());
      return out;
    }).orElseGet(() -> Map.of("active", false));
  }

  /**
   * identity-service's own API: the caller a PAT stands for (the owner's current claims, limited to the token's
   * scopes), answered from the database rather than over HTTP; empty when the token is not active.
   */
  @Transactional
  public Optional<Caller> callerOf(String token) {
    return use(token).map(used -> {
      Map<String, Object> c = used.claims();
      return Caller.ofPersonalAccessToken(used.pat().userId().toString(),
          (String) c.get(CatalystClaims.ORGANIZATION), claimValues(c.get(CatalystClaims.ROLES)),
          claimValues(c.get(CatalystClaims.TEAMS)), claimValues(c.get(CatalystClaims.ENVIRONMENTS)),
          Set.copyOf(used.pat().scopes()));
    });
  }

  private record Used(Pat pat, Map<String, Object> claims) {}

  /** The active token with its owner's current claims, its last use recorded; empty when it is not usable. */
  private Optional<Used> use(String token) {
    Instant now = clock.instant();
    Pat pat = token == null || !token.startsWith(PatPolicy.PREFIX) ? null
        : jdbc.sql("select * from personal_access_token where token_hash = :hash").param("hash",
            PatPolicy.hash(token)).query(ROW).optional().orElse(null);
    if (pat == null || !PatPolicy.active(pat.expiresAt(), pat.revokedAt(), now)
        || status.suspendedOrganizationOf(pat.userId()).isPresent()) {
      return Optional.empty();
    }
    jdbc.sql("update personal_access_token set last_used_at = :now where id = :id")
        .param("now", Timestamp.from(now)).param("id", pat.id()).update();
    return Optional.of(new Used(pat, claims.forUser(pat.userId())));
  }

  private static Set<String> claimValues(Object claim) {
    if (claim instanceof java.util.Collection<?> values) {
      Set<String> out = new java.util.LinkedHashSet<>();
      values.forEach(v -> out.add(String.valueOf(v)));
      return out;
    }
    return Set.of();
  }

  private String org(UUID user) {
    return users.membership(user).map(Membership::organization).orElse(null);
  }

  private static UUID user(Caller caller) {
    try {
      return UUID.fromString(Objects.requireNonNull(caller.subject()));
    } catch (RuntimeException e) {
      throw ProblemException.forbidden("Personal access tokens belong to people; sign in as one.");
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
