package io.catalyst.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryTokenBucketStoreTest {

  private static final BucketPolicy ONE_PER_SECOND = new BucketPolicy(1, 1);
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void eachKeyHasItsOwnBucket() {
    var store = new InMemoryTokenBucketStore(100, Duration.ofMinutes(1), clock);
    assertThat(store.tryConsume("ip:192.0.2.1", ONE_PER_SECOND).block().allowed()).isTrue();
    assertThat(store.tryConsume("ip:192.0.2.1", ONE_PER_SECOND).block().allowed()).isFalse();
    assertThat(store.tryConsume("ip:192.0.2.2", ONE_PER_SECOND).block().allowed()).isTrue();
  }

  @Test
  void theStoreStaysWithinItsBound() {
    var store = new InMemoryTokenBucketStore(1_000, Duration.ofMinutes(1), clock);
    IntStream.range(0, 20_000).forEach(i -> store.tryConsume("ip:10.0." + (i / 256) + "." + (i % 256), ONE_PER_SECOND).block());
    assertThat(store.size()).isLessThanOrEqualTo(1_000);
  }
}
