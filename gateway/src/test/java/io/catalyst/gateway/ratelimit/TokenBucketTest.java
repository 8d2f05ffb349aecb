package io.catalyst.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final BucketPolicy FIVE_BURST_TWO_PER_SECOND = new BucketPolicy(5, 2);

  @Test
  void aNewBucketAllowsItsBurstThenRefuses() {
    TokenBucket bucket = new TokenBucket(FIVE_BURST_TWO_PER_SECOND, 0);
    for (int i = 4; i >= 0; i--) {
      assertThat(bucket.tryConsume(0)).isEqualTo(RateLimitDecision.allow(i));
    }
    RateLimitDecision refused = bucket.tryConsume(0);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void tokensComeBackAtTheRefillRateButNeverPastTheCapacity() {
    TokenBucket bucket = new TokenBucket(FIVE_BURST_TWO_PER_SECOND, 0);
    drain(bucket, 0);
    assertThat(bucket.tryConsume(499).allowed()).isFalse();
    assertThat(bucket.tryConsume(500).allowed()).isTrue();
    assertThat(bucket.tryConsume(600).retryAfter()).isEqualTo(Duration.ofMillis(400));

    // An hour idle fills it to the burst, not to 7200 tokens.
    long later = 3_600_000;
    drain(bucket, later);
    assertThat(bucket.tryConsume(later).allowed()).isFalse();
  }

  @Test
  void aClockGoingBackwardsDoesNotMintTokens() {
    TokenBucket bucket = new TokenBucket(FIVE_BURST_TWO_PER_SECOND, 10_000);
    drain(bucket, 10_000);
    assertThat(bucket.tryConsume(5_000).allowed()).isFalse();
    assertThat(bucket.tryConsume(10_000).allowed()).isFalse();
  }

  @Test
  void aPolicyNeedsAPositiveCapacityAndRate() {
    assertThatThrownBy(() -> new BucketPolicy(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BucketPolicy(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new BucketPolicy(50, 25).timeToFill()).isEqualTo(Duration.ofSeconds(2));
  }

  private static void drain(TokenBucket bucket, long now) {
    while (bucket.tryConsume(now).allowed()) {
      // take every token
    }
  }
}
