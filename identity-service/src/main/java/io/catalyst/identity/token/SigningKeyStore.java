package io.catalyst.identity.token;

import io.catalyst.identity.IdentityProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Sovereign's RS256 signing keys, persisted in the database so that tokens survive a restart and every replica
 * signs with the same key. Reads are served from memory and refreshed every few seconds (another replica may have
 * rotated).
 */
public class SigningKeyStore {

  private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
  private static final long REFRESH_NANOS = 30_000_000_000L;
  private static final long MISS_RELOAD_NANOS = 1_000_000_000L;
  /** Serialises key creation across replicas. */
  private static final long ADVISORY_LOCK = 0x1D_5161_6E4BL;
  public static final String TRIGGER_ON_DEMAND = "on-demand";
  public static final String TRIGGER_SCHEDULED = "scheduled";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final KeyEncryption encryption;
  private final KeyRotation rotation;
  private final IdentityProperties.Keys settings;

  private volatile RotationListener listener = (key, published, trigger, actor) -> { };
  private volatile List<SigningKey> keys = List.of();
  private volatile long loadedAt;
  private volatile long lastMissReload;

  public SigningKeyStore(JdbcClient jdbc, TransactionTemplate tx, Clock clock, IdentityProperties properties) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.encryption = new KeyEncryption(properties.keys().encryptionSecret());
    this.settings = properties.keys();
    this.rotation = new KeyRotation(properties.tokens().accessTtl().plus(properties.tokens().clockSkew()));
  }

  /** Makes the first key when the database has none (first start of the Sovereign). */
  public void ensureKey() {
    tx.executeWithoutResult(status -> {
      jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ADVISORY_LOCK).query().singleRow();
      Integer count = jdbc.sql("select count(*) from signing_key").query(Integer.class).single();
      if (count == 0) {
        Instant now = clock.instant();
        insert(generate(now, now));
        log.info("Created the Sovereign's first token signing key");
      }
    });
    reload();
  }

  /** Told about every rotation inside its transaction (the {@code signing-key.rotated.v1} event commits with it). */
  @FunctionalInterface
  public interface RotationListener {
    void rotated(SigningKey next, List<String> published, String trigger, String actor);
  }

  public void onRotation(RotationListener listener) {
    this.listener = listener;
  }

  /** An on-demand rotation without a named actor (tests, tools). */
  public SigningKey rotate() {
    return rotate(TRIGGER_ON_DEMAND, null);
  }

  /**
   * Starts a rotation: the new key is published now and signs from {@code now + publishAhead}; the current key keeps
   * being published until its tokens have expired. Keys no longer published are deleted.
   *
   * @param trigger {@code on-demand} or {@code scheduled}
   * @param actor   who asked for it (null for the schedule)
   */
  public SigningKey rotate(String trigger, String actor) {
    Instant now = clock.instant();
    SigningKey next = generate(now, now.plus(settings.publishAhead()));
    tx.executeWithoutResult(status -> {
      jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ADVISORY_LOCK).query().singleRow();
      insert(next);
      for (SigningKey old : rotation.expired(load(), now)) {
        jdbc.sql("delete from signing_key where kid = :kid").param("kid", old.kid()).update();
      }
      List<String> published = rotation.published(load(), now).stream().map(SigningKey::kid).toList();
      listener.rotated(next, published, trigger, actor);
    });
    reload();
    log.info("Rotating token signing keys: {} is published and signs from {}", next.kid(), next.signingFrom());
    return next;
  }

  /** Rotates when the newest key is older than {@code catalyst.identity.keys.rotate-after}. */
  public boolean rotateIfDue() {
    if (rotation.rotationDue(all(), clock.instant(), settings.rotateAfter())) {
      rotate(TRIGGER_SCHEDULED, null);
      return true;
    }
    return false;
  }

  /** Every stored key with its state and times now (no private material), oldest first. */
  public List<KeyRotation.Described> describe() {
    reload();
    return rotation.describe(keys, clock.instant());
  }

  /** The key that signs now. */
  public SigningKey signer() {
    return rotation.signer(all(), clock.instant())
        .orElseThrow(() -> new IllegalStateException("No signing key is active; was ensureKey() called?"));
  }

  /** The keys in the JWKS now. */
  public List<SigningKey> published() {
    return rotation.published(all(), clock.instant());
  }

  /** A published key by id; reloads (at most once a second) when the id is unknown, as another replica may have rotated. */
  public Optional<SigningKey> publishedKey(String kid) {
    Optional<SigningKey> found = published().stream().filter(k -> k.kid().equals(kid)).findFirst();
    long now = System.nanoTime();
    if (found.isEmpty() && now - lastMissReload > MISS_RELOAD_NANOS) {
      lastMissReload = now;
      reload();
      found = published().stream().filter(k -> k.kid().equals(kid)).findFirst();
    }
    return found;
  }

  List<SigningKey> all() {
    if (System.nanoTime() - loadedAt > REFRESH_NANOS) {
      reload();
    }
    return keys;
  }

  public void reload() {
    keys = load();
    loadedAt = System.nanoTime();
  }

  private List<SigningKey> load() {
    return jdbc.sql("select kid, public_key, private_key, created_at, signing_from from signing_key")
        .query((rs, i) -> new SigningKey(rs.getString("kid"), publicKey(rs.getBytes("public_key")),
            privateKey(encryption.decrypt(rs.getBytes("private_key"))),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("signing_from").toInstant()))
        .list();
  }

  private void insert(SigningKey key) {
    jdbc.sql("""
        insert into signing_key (kid, public_key, private_key, created_at, signing_from)
        values (:kid, :pub, :priv, :created, :from)""")
        .param("kid", key.kid())
        .param("pub", key.publicKey().getEncoded())
        .param("priv", encryption.encrypt(key.privateKey().getEncoded()))
        .param("created", Timestamp.from(key.createdAt()))
        .param("from", Timestamp.from(key.signingFrom()))
        .update();
  }

  private static SigningKey generate(Instant createdAt, Instant signingFrom) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey(UUID.randomUUID().toString(), (RSAPublicKey) pair.getPublic(),
          (RSAPrivateKey) pair.getPrivate(), createdAt, signingFrom);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAPublicKey publicKey(byte[] encoded) {
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAPrivateKey privateKey(byte[] encoded) {
    try {
      return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
