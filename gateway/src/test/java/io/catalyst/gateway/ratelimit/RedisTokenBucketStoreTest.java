package io.catalyst.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The Lua token bucket against a real Redis. Runs only where a {@code redis-server} binary is installed
 * ({@code apt-get install redis-server}); elsewhere it is skipped and the Redis store is compiled but untested.
 */
@EnabledIf("redisServerInstalled")
class RedisTokenBucketStoreTest {

  private static Process redis;
  private static LettuceConnectionFactory connections;
  private static RedisTokenBucketStore store;

  static boolean redisServerInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/redis-server"));
  }

  @BeforeAll
  static void startRedis() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    redis = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--save", "",
        "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    connections = new LettuceConnectionFactory("127.0.0.1", port);
    connections.afterPropertiesSet();
    var template = new ReactiveStringRedisTemplate(connections);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        template.opsForValue().get("ping").block(Duration.ofSeconds(1));
        break;
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(50);
      }
    }
    store = new RedisTokenBucketStore(template);
  }

  @AfterAll
  static void stopRedis() throws IOException {
    if (connections != null) {
      connections.destroy();
    }
    if (redis != null) {
      redis.destroy();
    }
  }

  @Test
  void aBucketAllowsItsBurstThenRefusesUntilItRefills() throws InterruptedException {
    String key = "user:" + UUID.randomUUID();
    BucketPolicy policy = new BucketPolicy(3, 10);
    for (int left = 2; left >= 0; left--) {
      RateLimitDecision decision = store.tryConsume(key, policy).block();
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(left);
    }
    RateLimitDecision refused = store.tryConsume(key, policy).block();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isBetween(Duration.ofMillis(1), Duration.ofMillis(100));

    Thread.sleep(150); // 10 per second: a token is back after 100 ms
    assertThat(store.tryConsume(key, policy).block().allowed()).isTrue();
  }

  @Test
  void keysAreIndependent() {
    BucketPolicy policy = new BucketPolicy(1, 1);
    assertThat(store.tryConsume("ip:192.0.2.1-" + UUID.randomUUID(), policy).block().allowed()).isTrue();
    assertThat(store.tryConsume("ip:192.0.2.2-" + UUID.randomUUID(), policy).block().allowed()).isTrue();
  }
}
