package io.catalyst.gateway.ratelimit;

import java.time.Duration;

/** One client's bucket, refilled lazily from the time elapsed since it was last touched. */
final class TokenBucket {

  private final BucketPolicy policy;
  private double tokens;
  private long updatedAtMillis;

  TokenBucket(BucketPolicy policy, long nowMillis) {
    this.policy = policy;
    this.tokens = policy.capacity();
    this.updatedAtMillis = nowMillis;
  }

  synchronized RateLimitDecision tryConsume(long nowMillis) {
    long elapsed = Math.max(0, nowMillis - updatedAtMillis);
    tokens = Math.min(policy.capacity(), tokens + elapsed * policy.refillPerSecond() / 1000);
    updatedAtMillis = Math.max(updatedAtMillis, nowMillis);
    if (tokens >= 1) {
      tokens -= 1;
      return RateLimitDecision.allow((long) tokens);
    }
    long waitMillis = (long) Math.ceil((1 - tokens) * 1000 / policy.refillPerSecond());
    return RateLimitDecision.deny(Duration.ofMillis(waitMillis));
  }
}
