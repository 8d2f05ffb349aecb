package io.catalyst.gateway.ratelimit;

import io.catalyst.gateway.web.ClientAddressResolver;
import io.catalyst.gateway.web.ProblemWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The rate limiter and the store its buckets live in ({@code catalyst.gateway.rate-limit.store}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "catalyst.gateway.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

  @Bean
  RateLimitFilter rateLimitFilter(TokenBucketStore buckets, ClientAddressResolver clientAddresses,
      RateLimitProperties properties, ProblemWriter problems) {
    return new RateLimitFilter(buckets, clientAddresses, properties, problems);
  }

  @Bean
  @ConditionalOnProperty(name = "catalyst.gateway.rate-limit.store", havingValue = "memory", matchIfMissing = true)
  TokenBucketStore inMemoryTokenBuckets(RateLimitProperties properties, Clock clock) {
    Duration idleExpiry = Collections.max(List.of(
        properties.getAuthenticated().toPolicy().timeToFill(), properties.getAnonymous().toPolicy().timeToFill()));
    return new InMemoryTokenBucketStore(properties.getMaxClients(), idleExpiry, clock);
  }

  @Bean
  @ConditionalOnProperty(name = "catalyst.gateway.rate-limit.store", havingValue = "redis")
  TokenBucketStore redisTokenBuckets(ReactiveStringRedisTemplate redis) {
    return new RedisTokenBucketStore(redis);
  }
}
