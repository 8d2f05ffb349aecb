package io.catalyst.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Holds the buckets of all clients. */
public interface TokenBucketStore {

  /** Takes one token from {@code key}'s bucket (created full on first use). */
  Mono<RateLimitDecision> tryConsume(String key, BucketPolicy policy);
}
