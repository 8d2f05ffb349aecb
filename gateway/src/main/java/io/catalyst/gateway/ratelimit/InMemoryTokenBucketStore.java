package io.catalyst.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Buckets in this process: right for one replica. Bounded: a bucket idle for longer than it takes to fill is
 * dropped (a new one would be identical), and past {@code maxClients} the least recently used go first.
 */
final class InMemoryTokenBucketStore implements TokenBucketStore {

  private final Cache<String, TokenBucket> buckets;
  private final Clock clock;

  InMemoryTokenBucketStore(int maxClients, Duration idleExpiry, Clock clock) {
    this.clock = clock;
    this.buckets = Caffeine.newBuilder().maximumSize(maxClients).expireAfterAccess(idleExpiry).build();
  }

  @Override
  public Mono<RateLimitDecision> tryConsume(String key, BucketPolicy policy) {
    long now = clock.millis();
    TokenBucket bucket = buckets.get(key, k -> new TokenBucket(policy, now));
    return Mono.just(bucket.tryConsume(now));
  }

  long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }
}
