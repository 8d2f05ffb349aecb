package io.catalyst.identity.token;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.organization.OrganizationStatus;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions of the JSON API: a login starts a refresh family and returns an access token plus its first refresh
 * token; every refresh rotates; re-use revokes the family; logout revokes one family, sign-out-everywhere all.
 */
@Service
public class SessionTokens {

  private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

  private final RefreshTokens refreshTokens;
  private final AccessTokenIssuer accessTokens;
  private final Users users;
  private final Outbox outbox;
  private final Clock clock;
  private final Duration refreshTtl;
  private final OrganizationStatus status;
  private final Logins logins;

  SessionTokens(RefreshTokens refreshTokens, AccessTokenIssuer accessTokens, Users users, Outbox outbox, Clock clock,
      IdentityProperties properties, OrganizationStatus status, Logins logins) {
    this.status = status;
    this.logins = logins;
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.users = users;
    this.outbox = outbox;
    this.clock = clock;
    this.refreshTtl = properties.tokens().refreshTtl();
  }

  /** Starts a session for a user who just proved who they are. */
  @Transactional
  public TokenResponse start(UUID userId) {
    status.requireActive(userId);
    Instant now = clock.instant();
    UUID family = refreshTokens.startFamily(userId, now);
    return respond(userId, refreshTokens.issue(family, now, now.plus(refreshTtl)));
  }

  /**
   * Starts the session of a login ({@code method}: {@link Logins#PASSWORD}, {@link Logins#PHONE_CODE}) and
   * publishes {@code login.succeeded.v1} in the same transaction.
   */
  @Transactional
  public TokenResponse login(UUID userId, String method) {
    TokenResponse response = start(userId);
    logins.succeeded(userId, method);
    return response;
  }

  /** Rotates {@code refreshToken}; a re-used one revokes its family (and that revocation commits). */
  @Transactional(noRollbackFor = ProblemException.class)
  public TokenResponse refresh(String refreshToken) {
    Instant now = clock.instant();
    RefreshTokens.Presented presented = refreshTokens.lock(refreshToken == null ? "" : refreshToken).orElse(null);
    RefreshTokenVerdict verdict = presented == null ? RefreshTokenVerdict.UNKNOWN : RefreshTokenVerdict.of(
        true, presented.usedAt(), presented.expiresAt(), presented.familyRevokedAt(), now);
    switch (verdict) {
      case ROTATE -> {
        status.requireActive(presented.userId());
        refreshTokens.markUsed(presented.hash(), now);
        return respond(presented.userId(), refreshTokens.issue(presented.family(), now, now.plus(refreshTtl)));
      }
      case REUSED -> {
        refreshTokens.revokeFamily(presented.family(), now, "reuse");
        String org = users.membership(presented.userId()).map(Membership::organization).orElse(null);
        outbox.publish(CatalystEvent.of(IdentityEvents.REFRESH_TOKEN_REUSED, "users/" + presented.userId(), org,
            new IdentityEvents.RefreshTokenReused(presented.userId().toString(), presented.family().toString()))
            .by(presented.userId().toString()));
        log.warn("Refresh token re-used: family {} of user {} revoked", presented.family(), presented.userId());
        throw invalid("This refresh token was already used, so this session has been ended for safety. Sign in again.");
      }
      case EXPIRED -> throw invalid("This refresh token has expired. Sign in again.");
      case REVOKED -> throw invalid("This session has ended (signed out or revoked). Sign in again.");
      default -> throw invalid("This refresh token is not valid. Sign in again.");
    }
  }

  /** Ends the session {@code refreshToken} belongs to. Unknown tokens are ignored (logout is idempotent). */
  @Transactional
  public void logout(String refreshToken) {
    refreshTokens.lock(refreshToken == null ? "" : refreshToken).ifPresent(p -> {
      if (p.familyRevokedAt() == null) {
        refreshTokens.revokeFamily(p.family(), clock.instant(), "logout");
        publishRevoked(p.userId(), "session", 1);
      }
    });
  }

  /** Ends every session of the user. Access tokens already issued expire within their 15 minutes. */
  @Transactional
  public int logoutEverywhere(UUID userId) {
    int families = refreshTokens.revokeAllOf(userId, clock.instant(), "sign-out-everywhere");
    publishRevoked(userId, "everywhere", families);
    return families;
  }

  private void publishRevoked(UUID userId, String scope, int families) {
    String org = users.membership(userId).map(Membership::organization).orElse(null);
    outbox.publish(CatalystEvent.of(IdentityEvents.SESSIONS_REVOKED, "users/" + userId, org,
        new IdentityEvents.SessionsRevoked(userId.toString(), scope, families)).by(userId.toString()));
  }

  private TokenResponse respond(UUID userId, String refreshToken) {
    AccessTokenIssuer.IssuedAccessToken access = accessTokens.issue(userId);
    String org = users.membership(userId).map(Membership::organization).orElse(null);
    return new TokenResponse(access.value(), "Bearer", access.expiresIn().toSeconds(), refreshToken,
        refreshTtl.toSeconds(), userId.toString(), org);
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", detail)
        .with("error", "invalid_grant");
  }
}
