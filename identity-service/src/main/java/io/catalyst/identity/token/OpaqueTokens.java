package io.catalyst.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets handed to a holder once and stored only as their SHA-256: refresh tokens, invitation tokens, personal
 * access tokens. A recognisable prefix ({@code crt_}, {@code cat_inv_}, {@code cat_pat_}) lets secret scanners and
 * people tell them apart; 32 random bytes make a fast hash safe to store.
 */
public final class OpaqueTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private OpaqueTokens() {}

  /** {@code prefix} + 32 random bytes, base64url without padding. */
  public static String generate(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** What is stored and looked up: the token's SHA-256 (an absent token hashes like the empty string). */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
