package io.catalyst.identity.pat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.platform.web.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatPolicyTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void defaultsToNinetyDaysAndAllowsAYearAtMost() {
    assertThat(PatPolicy.validate(" laptop ", List.of("git:read"), null, NOW))
        .isEqualTo(new PatPolicy.Valid("laptop", List.of("git:read"), NOW.plus(Duration.ofDays(90))));
    assertThat(PatPolicy.validate("ci", List.of("api:read", "api:read"), 365, NOW).expiresAt())
        .isEqualTo(NOW.plus(Duration.ofDays(365)));
    for (int days : new int[] {0, -1, 366}) {
      assertThatThrownBy(() -> PatPolicy.validate("ci", List.of("api:read"), days, NOW))
          .isInstanceOf(ProblemException.class).hasMessageContaining("expiresInDays");
    }
  }

  @Test
  void refusesBadNamesAndScopes() {
    assertThatThrownBy(() -> PatPolicy.validate(" ", List.of("api:read"), null, NOW)).hasMessageContaining("name");
    assertThatThrownBy(() -> PatPolicy.validate("x".repeat(101), List.of("api:read"), null, NOW))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> PatPolicy.validate("ci", List.of(), null, NOW)).hasMessageContaining("scopes");
    assertThatThrownBy(() -> PatPolicy.validate("ci", null, null, NOW)).hasMessageContaining("scopes");
    assertThatThrownBy(() -> PatPolicy.validate("ci", List.of("admin"), null, NOW)).hasMessageContaining("admin");
  }

  @Test
  void tokensAreRecognisableRandomAndOnlyTheirHashIsKept() {
    String a = PatPolicy.generate();
    assertThat(a).startsWith("cat_pat_").hasSize(51).isNotEqualTo(PatPolicy.generate());
    assertThat(PatPolicy.hash(a)).hasSize(32).isEqualTo(PatPolicy.hash(a));
  }

  @Test
  void activeUntilExpiryOrRevocation() {
    assertThat(PatPolicy.active(NOW.plusSeconds(1), null, NOW)).isTrue();
    assertThat(PatPolicy.active(NOW, null, NOW)).isFalse();
    assertThat(PatPolicy.active(NOW.plusSeconds(1), NOW, NOW)).isFalse();
  }
}
