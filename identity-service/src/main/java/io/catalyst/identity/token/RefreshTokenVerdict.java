package io.catalyst.identity.token;

import java.time.Instant;

/**
 * What presenting a refresh token means. Rotation makes every token single-use: a token presented after it was used
 * is either stolen or replayed, so its whole family (the login it belongs to) is revoked.
 */
public enum RefreshTokenVerdict {
  /** Unused, unexpired, family live: rotate it. */
  ROTATE,
  /** Already used: revoke the family. */
  REUSED,
  EXPIRED,
  /** The family was revoked (logout, sign-out everywhere, or an earlier re-use). */
  REVOKED,
  UNKNOWN;

  public static RefreshTokenVerdict of(boolean known, Instant usedAt, Instant expiresAt, Instant familyRevokedAt,
      Instant now) {
    if (!known) {
      return UNKNOWN;
    }
    if (familyRevokedAt != null) {
      return REVOKED;
    }
    if (usedAt != null) {
      return REUSED;
    }
    if (!now.isBefore(expiresAt)) {
      return EXPIRED;
    }
    return ROTATE;
  }
}
