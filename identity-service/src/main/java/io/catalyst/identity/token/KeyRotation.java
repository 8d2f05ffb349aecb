package io.catalyst.identity.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which keys sign and which are published, at a given instant. A new key is published before it signs
 * ({@code publishAhead}); a replaced key stays published until every token it signed has expired
 * ({@code retention} = access-token lifetime + clock skew after its successor took over).
 */
public final class KeyRotation {

  private final Duration retention;

  public KeyRotation(Duration retention) {
    this.retention = retention;
  }

  /** The key that signs at {@code now}: the latest one whose {@code signingFrom} has come. */
  public Optional<SigningKey> signer(List<SigningKey> keys, Instant now) {
    return keys.stream().filter(k -> !k.signingFrom().isAfter(now))
        .max(Comparator.comparing(SigningKey::signingFrom).thenComparing(SigningKey::createdAt));
  }

  /** The keys in the JWKS at {@code now}: upcoming ones, the signer, and predecessors whose tokens may still live. */
  public List<SigningKey> published(List<SigningKey> keys, Instant now) {
    List<SigningKey> ordered = ordered(keys);
    List<SigningKey> out = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      SigningKey key = ordered.get(i);
      Instant supersededAt = i + 1 < ordered.size() ? ordered.get(i + 1).signingFrom() : null;
      if (supersededAt == null || supersededAt.isAfter(now) || now.isBefore(supersededAt.plus(retention))) {
        out.add(key);
      }
    }
    return out;
  }

  /** Keys that may be deleted: superseded longer ago than the retention. */
  public List<SigningKey> expired(List<SigningKey> keys, Instant now) {
    List<SigningKey> published = published(keys, now);
    return ordered(keys).stream().filter(k -> !published.contains(k)).toList();
  }

  /** Whether the newest key is older than {@code rotateAfter}. */
  public boolean rotationDue(List<SigningKey> keys, Instant now, Duration rotateAfter) {
    return keys.stream().map(SigningKey::createdAt).max(Comparator.naturalOrder())
        .map(newest -> !newest.plus(rotateAfter).isAfter(now)).orElse(true);
  }

  private static List<SigningKey> ordered(List<SigningKey> keys) {
    return keys.stream()
        .sorted(Comparator.comparing(SigningKey::signingFrom).thenComparing(SigningKey::createdAt)).toList();
  }
}
