package io.catalyst.identity.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Backoff for password logins of one account: after every {@code threshold} consecutive failures the account is
 * locked, first for {@code lockout}, then twice as long each further round, at most a day. A success resets it.
 */
public record LoginThrottle(int threshold, Duration lockout) {

  private static final Duration LONGEST = Duration.ofDays(1);

  /** How long the account stays locked, if it is locked at {@code now}. */
  public Optional<Duration> lockedFor(Instant lockedUntil, Instant now) {
    return lockedUntil != null && lockedUntil.isAfter(now)
        ? Optional.of(Duration.between(now, lockedUntil)) : Optional.empty();
  }

  /** The account's state after one more failure. */
  public Failure fail(int previousFailures, Instant now) {
    int failures = previousFailures + 1;
    if (failures % threshold != 0) {
      return new Failure(failures, null);
    }
    int round = failures / threshold; // 1, 2, 3, ...
    Duration lock = lockout.multipliedBy(1L << Math.min(round - 1, 16));
    return new Failure(failures, now.plus(lock.compareTo(LONGEST) > 0 ? LONGEST : lock));
  }

  /** @param lockedUntil set when this failure locks the account (and {@code login.failures-repeated} is published) */
  public record Failure(int failures, Instant lockedUntil) {
    public boolean locks() {
      return lockedUntil != null;
    }
  }
}
