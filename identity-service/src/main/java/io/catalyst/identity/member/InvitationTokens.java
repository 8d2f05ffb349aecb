package io.catalyst.identity.member;

import io.catalyst.identity.token.OpaqueTokens;
import java.time.Instant;

/** Invitation tokens: {@code cat_inv_} + 32 random bytes (base64url); only their SHA-256 is stored. */
public final class InvitationTokens {

  public static final String PREFIX = "cat_inv_";

  private InvitationTokens() {}

  public static String generate() {
    return OpaqueTokens.generate(PREFIX);
  }

  public static byte[] hash(String token) {
    return OpaqueTokens.hash(token);
  }

  /** What an invitation presented at {@code now} allows. */
  public enum Verdict {
    VALID, USED, REVOKED, EXPIRED;

    public static Verdict of(Instant acceptedAt, Instant revokedAt, Instant expiresAt, Instant now) {
      if (acceptedAt != null) {
        return USED;
      }
      if (revokedAt != null) {
        return REVOKED;
      }
      return now.isBefore(expiresAt) ? VALID : EXPIRED;
    }
  }
}
