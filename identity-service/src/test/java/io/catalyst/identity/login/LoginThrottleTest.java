package io.catalyst.identity.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15));

  @Test
  void everyFifthFailureLocksLongerEachRoundAtMostADay() {
    for (int previous = 0; previous < 4; previous++) {
      assertThat(throttle.fail(previous, NOW).locks()).isFalse();
    }
    assertThat(throttle.fail(4, NOW).lockedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    assertThat(throttle.fail(9, NOW).lockedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(throttle.fail(14, NOW).lockedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
    assertThat(throttle.fail(499, NOW).lockedUntil()).isEqualTo(NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void lockedUntilItsTimeHasCome() {
    assertThat(throttle.lockedFor(NOW.plusSeconds(60), NOW)).contains(Duration.ofSeconds(60));
    assertThat(throttle.lockedFor(NOW, NOW)).isEmpty();
    assertThat(throttle.lockedFor(null, NOW)).isEmpty();
  }
}
