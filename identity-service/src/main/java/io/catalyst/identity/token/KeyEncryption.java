package io.catalyst.identity.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest (private signing keys, SSO client secrets, upstream providers' client secrets): a
 * database dump alone does not let anyone mint tokens or act as a client. Each use derives its own key from
 * {@code catalyst.identity.keys.encryption-secret} ({@link #forPurpose}); associated data (e.g. the row's id) makes a
 * value copied onto another row undecryptable.
 */
public final class KeyEncryption {

  private static final int IV_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;
  private final String what;

  /** The signing keys' encryption (the key is derived from the secret alone, as it always was). */
  public KeyEncryption(String secret) {
    this(secret, "a signing key");
  }

  private KeyEncryption(String keyMaterial, String what) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyMaterial.getBytes(StandardCharsets.UTF_8));
      this.key = new SecretKeySpec(digest, "AES");
      this.what = what;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An encryption of its own for {@code purpose} (the key differs from every other purpose's). */
  public static KeyEncryption forPurpose(String purpose, String secret, String what) {
    return new KeyEncryption(purpose + ":" + secret, what);
  }

  public byte[] encrypt(byte[] plain) {
    return encrypt(plain, null);
  }

  public byte[] decrypt(byte[] stored) {
    return decrypt(stored, null);
  }

  /** {@code plain} as UTF-8, bound to {@code context} (associated data). */
  public byte[] seal(String context, String plain) {
    return encrypt(plain.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
  }

  public String open(String context, byte[] stored) {
    return new String(decrypt(stored, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  private byte[] encrypt(byte[] plain, byte[] associated) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      if (associated != null) {
        cipher.updateAAD(associated);
      }
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt " + what, e);
    }
  }

  private byte[] decrypt(byte[] stored, byte[] associated) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, IV_BYTES));
      if (associated != null) {
        cipher.updateAAD(associated);
      }
      return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not decrypt " + what
          + ": is catalyst.identity.keys.encryption-secret the one it was stored with?", e);
    }
  }
}
