package io.catalyst.identity.otp;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.identity.web.SlidingWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OtpCodesTest {

  private final OtpCodes codes = new OtpCodes("pepper");

  @Test
  void codesAreSixDigitsAndHashedPerChallenge() {
    UUID challenge = UUID.randomUUID();
    String code = codes.generate();
    assertThat(code).matches("\\d{6}");
    byte[] hash = codes.hash(challenge, code);
    assertThat(codes.matches(challenge, code, hash)).isTrue();
    assertThat(codes.matches(UUID.randomUUID(), code, hash)).as("bound to its challenge").isFalse();
    assertThat(codes.matches(challenge, "12345", hash)).isFalse();
    assertThat(codes.matches(challenge, null, hash)).isFalse();
    assertThat(new OtpCodes("other pepper").matches(challenge, code, hash)).isFalse();
  }

  @Test
  void slidingWindowSaysHowLongToWait() {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    SlidingWindow twoPerMinute = new SlidingWindow(2, Duration.ofMinutes(1));
    assertThat(twoPerMinute.retryAfter(List.of(now.minusSeconds(10)), now)).isEmpty();
    assertThat(twoPerMinute.retryAfter(List.of(now.minusSeconds(40), now.minusSeconds(10)), now))
        .contains(Duration.ofSeconds(20));
    assertThat(twoPerMinute.retryAfter(List.of(now.minusSeconds(70), now.minusSeconds(10)), now)).isEmpty();
  }
}
