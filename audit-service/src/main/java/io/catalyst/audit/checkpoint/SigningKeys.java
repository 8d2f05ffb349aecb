package io.catalyst.audit.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 keys that sign checkpoints, as files in {@code catalyst.audit.checkpoint.key-dir} (outside the
 * database: neither database login can forge a checkpoint): {@code <kid>.key} (PKCS#8, base64, owner-only) and
 * {@code <kid>.pub} (X.509 SubjectPublicKeyInfo, base64). The newest key signs; rotation adds a key, and every public
 * key stays published so older checkpoints still verify. The key id is the first 16 hex digits of the public key's
 * SHA-256.
 */
@Component
public class SigningKeys {

  /** A published key. */
  public record PublicKeyInfo(String kid, String algorithm, String publicKey, Instant createdAt) {}

  private final Path dir;
  private final Clock clock;

  SigningKeys(@Value("${catalyst.audit.checkpoint.key-dir:${CATALYST_HOME:.}/.catalyst/audit-keys}") Path dir,
      Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** The kid of the signing key, made on first use. */
  public synchronized String current() {
    List<PublicKeyInfo> keys = published();
    return keys.isEmpty() ? rotate() : keys.getLast().kid();
  }

  /** Makes a new signing key and answers its kid; the old ones stay published. */
  public synchronized String rotate() {
    try {
      Files.createDirectories(dir);
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      String pub = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
      String kid = kid(pair.getPublic().getEncoded());
      Path key = dir.resolve(kid + ".key");
      Files.writeString(key, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
      try {
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      // Written last: a key is published (and current) once both files exist. Its first line is its creation time.
      Files.writeString(dir.resolve(kid + ".pub"), clock.instant() + "\n" + pub + "\n");
      return kid;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every public key, oldest first. */
  public List<PublicKeyInfo> published() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<PublicKeyInfo> keys = new ArrayList<>();
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".pub")).toList()) {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        String name = p.getFileName().toString();
        keys.add(new PublicKeyInfo(name.substring(0, name.length() - 4), "Ed25519", lines.get(1),
            Instant.parse(lines.get(0))));
      }
      keys.sort(Comparator.comparing(PublicKeyInfo::createdAt).thenComparing(PublicKeyInfo::kid));
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Base64 Ed25519 signature of {@code statement}'s UTF-8 bytes with key {@code kid}. */
  public String sign(String kid, String statement) {
    try {
      byte[] encoded = Base64.getDecoder().decode(Files.readString(dir.resolve(kid + ".key")).trim());
      PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded));
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(statement.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code signature} (base64) is {@code statement} signed by the published key {@code publicKey}. */
  public static boolean verify(String publicKey, String statement, String signature) {
    try {
      PublicKey key = KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(statement.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  static String kid(byte[] publicKey) throws GeneralSecurityException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey)).substring(0, 16);
  }
}
