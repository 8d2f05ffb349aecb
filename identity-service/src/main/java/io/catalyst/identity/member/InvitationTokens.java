package io.catalyst.identity.member;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** Invitation tokens: {@code cat_inv_} + 32 random bytes (base64url); only their SHA-256 is stored. */
public final class InvitationTokens {

  public static final String PREFIX = "cat_inv_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private InvitationTokens() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
