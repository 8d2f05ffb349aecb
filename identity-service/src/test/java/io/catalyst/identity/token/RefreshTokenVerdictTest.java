package io.catalyst.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshTokenVerdictTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant LATER = NOW.plusSeconds(3600);

  @Test
  void verdicts() {
    assertThat(RefreshTokenVerdict.of(false, null, LATER, null, NOW)).isEqualTo(RefreshTokenVerdict.UNKNOWN);
    assertThat(RefreshTokenVerdict.of(true, null, LATER, null, NOW)).isEqualTo(RefreshTokenVerdict.ROTATE);
    assertThat(RefreshTokenVerdict.of(true, NOW.minusSeconds(5), LATER, null, NOW))
        .isEqualTo(RefreshTokenVerdict.REUSED);
    assertThat(RefreshTokenVerdict.of(true, null, NOW, null, NOW)).isEqualTo(RefreshTokenVerdict.EXPIRED);
    // A revoked family wins over everything: nothing in it is usable, re-use or not.
    assertThat(RefreshTokenVerdict.of(true, NOW.minusSeconds(5), LATER, NOW.minusSeconds(1), NOW))
        .isEqualTo(RefreshTokenVerdict.REVOKED);
  }
}
