package io.catalyst.identity.otp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Six-digit codes from a CSPRNG, stored as an HMAC keyed by a server secret and bound to their challenge (a leaked
 * table does not give the codes away, even though a million codes are easy to enumerate), compared in constant time.
 */
public final class OtpCodes {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] pepper;

  public OtpCodes(String pepper) {
    this.pepper = pepper.getBytes(StandardCharsets.UTF_8);
  }

  public String generate() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  public byte[] hash(UUID challenge, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
      return mac.doFinal((challenge + ":" + code).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant time in the stored hash: how many leading characters match is never observable. */
  public boolean matches(UUID challenge, String code, byte[] stored) {
    if (code == null || !code.matches("\\d{6}")) {
      MessageDigest.isEqual(stored, stored);
      return false;
    }
    return MessageDigest.isEqual(hash(challenge, code), stored);
  }
}
