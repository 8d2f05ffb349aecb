package io.catalyst.gateway.ratelimit;

import java.time.Duration;

/** Whether a request may pass; when not, how long until the bucket holds a token again. */
public record RateLimitDecision(boolean allowed, long remaining, Duration retryAfter) {

  static RateLimitDecision allow(long remaining) {
    return new RateLimitDecision(true, remaining, Duration.ZERO);
  }

  static RateLimitDecision deny(Duration retryAfter) {
    return new RateLimitDecision(false, 0, retryAfter);
  }

  /** Whole seconds for {@code Retry-After}, rounded up so a client that obeys it is let through. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
