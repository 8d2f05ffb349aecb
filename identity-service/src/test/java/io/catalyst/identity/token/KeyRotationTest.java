package io.catalyst.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final KeyRotation rotation = new KeyRotation(Duration.ofMinutes(16));
  private final SigningKey a = key("a", T0, T0);
  private final SigningKey b = key("b", T0.plus(Duration.ofDays(90)), T0.plus(Duration.ofDays(90)).plusSeconds(600));

  @Test
  void aNewKeyIsPublishedBeforeItSigns() {
    Instant rotatedAt = b.createdAt();
    assertThat(rotation.published(List.of(a, b), rotatedAt)).containsExactly(a, b);
    assertThat(rotation.signer(List.of(a, b), rotatedAt)).contains(a);
    assertThat(rotation.signer(List.of(a, b), b.signingFrom())).contains(b);
  }

  @Test
  void theOldKeyStaysPublishedUntilItsLastTokenHasExpired() {
    assertThat(rotation.published(List.of(a, b), b.signingFrom().plus(Duration.ofMinutes(15)))).containsExactly(a, b);
    assertThat(rotation.published(List.of(a, b), b.signingFrom().plus(Duration.ofMinutes(16)))).containsExactly(b);
    assertThat(rotation.expired(List.of(a, b), b.signingFrom().plus(Duration.ofMinutes(16)))).containsExactly(a);
  }

  @Test
  void rotationIsDueWhenTheNewestKeyIsOld() {
    assertThat(rotation.rotationDue(List.of(a), T0.plus(Duration.ofDays(364)), Duration.ofDays(365))).isFalse();
    assertThat(rotation.rotationDue(List.of(a), T0.plus(Duration.ofDays(365)), Duration.ofDays(365))).isTrue();
    assertThat(rotation.rotationDue(List.of(), T0, Duration.ofDays(365))).isTrue();
  }

  @Test
  void eachKeyIsUpcomingThenSigningThenRetiringThenExpired() {
    List<SigningKey> keys = List.of(b, a);
    assertThat(rotation.describe(keys, b.createdAt())).extracting(KeyRotation.Described::state)
        .containsExactly(KeyRotation.State.SIGNING, KeyRotation.State.UPCOMING);
    assertThat(rotation.describe(keys, b.signingFrom())).extracting(KeyRotation.Described::state)
        .containsExactly(KeyRotation.State.RETIRING, KeyRotation.State.SIGNING);
    List<KeyRotation.Described> later = rotation.describe(keys, b.signingFrom().plus(Duration.ofMinutes(16)));
    assertThat(later).extracting(KeyRotation.Described::state)
        .containsExactly(KeyRotation.State.EXPIRED, KeyRotation.State.SIGNING);
    assertThat(later.getFirst().kid()).isEqualTo("a");
    assertThat(later.getFirst().supersededAt()).isEqualTo(b.signingFrom());
    assertThat(later.getFirst().publishedUntil()).isEqualTo(b.signingFrom().plus(Duration.ofMinutes(16)));
    assertThat(later.getLast().publishedUntil()).isNull();
  }

  private static SigningKey key(String kid, Instant created, Instant signingFrom) {
    return new SigningKey(kid, null, null, created, signingFrom);
  }
}
