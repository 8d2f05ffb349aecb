package io.catalyst.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway replica; one atomic Lua script per request. If Redis fails the request
 * passes (logged): rate limiting protects the services, it must not take the whole Sovereign down with Redis.
 */
final class RedisTokenBucketStore implements TokenBucketStore {

  private static final Logger log = LoggerFactory.getLogger(RedisTokenBucketStore.class);
  private static final String KEY_PREFIX = "catalyst:gateway:rate-limit:";

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final RedisScript<List<Long>> TOKEN_BUCKET = (RedisScript) RedisScript.of(
      new ClassPathResource("io/catalyst/gateway/ratelimit/token-bucket.lua"), List.class);

  private final ReactiveStringRedisTemplate redis;

  RedisTokenBucketStore(ReactiveStringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  public Mono<RateLimitDecision> tryConsume(String key, BucketPolicy policy) {
    return redis.execute(TOKEN_BUCKET, List.of(KEY_PREFIX + key),
            List.of(Integer.toString(policy.capacity()), Double.toString(policy.refillPerSecond())))
        .next()
        .map(RedisTokenBucketStore::decision)
        .onErrorResume(e -> {
          log.warn("Rate limit store unavailable, letting the request through: {}", e.toString());
          return Mono.just(RateLimitDecision.allow(policy.capacity()));
        });
  }

  static RateLimitDecision decision(List<Long> reply) {
    return reply.get(0) == 1L
        ? RateLimitDecision.allow(reply.get(1))
        : RateLimitDecision.deny(Duration.ofMillis(reply.get(2)));
  }
}
