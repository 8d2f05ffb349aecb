package io.catalyst.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Without Redis the gateway keeps serving: the Redis store lets requests through rather than failing them. */
class RedisOutageTest {

  @Test
  void anUnreachableRedisLetsTheRequestThrough() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var connections = new LettuceConnectionFactory("127.0.0.1", closedPort);
    connections.afterPropertiesSet();
    try {
      var store = new RedisTokenBucketStore(new ReactiveStringRedisTemplate(connections));
      RateLimitDecision decision = store.tryConsume("ip:192.0.2.1", new BucketPolicy(1, 1))
          .block(Duration.ofSeconds(15));
      assertThat(decision.allowed()).isTrue();
    } finally {
      connections.destroy();
    }
  }
}
