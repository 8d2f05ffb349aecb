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

  /** Where a key is in its life: published before it signs, signing, still published after, or no longer published. */
  public enum State {
    UPCOMING, SIGNING, RETIRING, EXPIRED;

    public String value() {
      return name().toLowerCase();
    }
  }

  /**
   * A key's state and times at {@code now}; never its private half.
   *
   * @param supersededAt   when its successor started signing (null while it is the newest)
   * @param publishedUntil when it leaves the JWKS (null while it has no successor)
   */
  public record Described(String kid, State state, Instant createdAt, Instant signingFrom, Instant supersededAt,
      Instant publishedUntil) {}

  /** Every key, oldest first, with its state at {@code now}. */
  public List<Described> describe(List<SigningKey> keys, Instant now) {
    List<SigningKey> ordered = ordered(keys);
    Optional<SigningKey> signer = signer(keys, now);
    List<Described> out = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      SigningKey key = ordered.get(i);
      Instant supersededAt = i + 1 < ordered.size() ? ordered.get(i + 1).signingFrom() : null;
      Instant until = supersededAt == null ? null : supersededAt.plus(retention);
      State state;
      if (key.signingFrom().isAfter(now)) {
        state = State.UPCOMING;
      } else if (signer.isPresent() && signer.get().kid().equals(key.kid())) {
        state = State.SIGNING;
      } else {
        state = now.isBefore(until) ? State.RETIRING : State.EXPIRED;
      }
      out.add(new Described(key.kid(), state, key.createdAt(), key.signingFrom(), supersededAt, until));
    }
    return out;
  }

  private static List<SigningKey> ordered(List<SigningKey> keys) {
    return keys.stream()
        .sorted(Comparator.comparing(SigningKey::signingFrom).thenComparing(SigningKey::createdAt)).toList();
  }
}
