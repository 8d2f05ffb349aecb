package io.catalyst.gateway.ratelimit;

import java.time.Duration;

/**
 * A token bucket: holds at most {@code capacity} tokens (the burst), refilled continuously at
 * {@code refillPerSecond} (the sustained rate). A request takes one token.
 */
public record BucketPolicy(int capacity, double refillPerSecond) {

  public BucketPolicy {
    if (capacity < 1 || !(refillPerSecond > 0)) {
      throw new IllegalArgumentException("A bucket needs capacity >= 1 and refill > 0, not " + capacity + "/"
          + refillPerSecond);
    }
  }

  /** How long an empty bucket takes to fill again: after that an idle bucket is as good as a new one. */
  public Duration timeToFill() {
    return Duration.ofMillis((long) Math.ceil(capacity * 1000 / refillPerSecond));
  }
}
