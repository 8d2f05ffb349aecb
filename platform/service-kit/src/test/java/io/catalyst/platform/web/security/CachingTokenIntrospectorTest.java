package io.catalyst.platform.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.platform.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CachingTokenIntrospectorTest {

  static final Caller AHMED = Caller.ofPersonalAccessToken("ahmed", "acme", Set.of("org-admin"), Set.of(), Set.of(),
      Set.of("api:read"));

  /** identity-service as the cache sees it: answers from a table, counts questions, can be down. */
  static final class Answers implements PersonalAccessTokenIntrospector {
    final Map<String, Caller> active = new HashMap<>();
    int questions;
    boolean down;

    @Override
    public Optional<Caller> introspect(String token) {
      questions++;
      if (down) {
        throw new IdentityUnavailableException("down");
      }
      return Optional.ofNullable(active.get(token));
    }
  }

  final Answers identity = new Answers();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  final CachingTokenIntrospector cache =
      new CachingTokenIntrospector(identity, clock, Duration.ofSeconds(30), Duration.ofSeconds(5), 3);

  @Test
  void anActiveAnswerIsReusedUntilItsTimeIsUpSoARevocationTakesEffectThen() {
    identity.active.put("cat_pat_a", AHMED);
    assertThat(cache.introspect("cat_pat_a")).contains(AHMED);
    clock.advance(Duration.ofSeconds(29));
    identity.active.remove("cat_pat_a"); // revoked
    assertThat(cache.introspect("cat_pat_a")).contains(AHMED);
    assertThat(identity.questions).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.introspect("cat_pat_a")).isEmpty();
    assertThat(identity.questions).isEqualTo(2);
  }

  @Test
  void anInactiveAnswerIsReusedOnlyBriefly() {
    assertThat(cache.introspect("cat_pat_new")).isEmpty();
    identity.active.put("cat_pat_new", AHMED);
    clock.advance(Duration.ofSeconds(4));
    assertThat(cache.introspect("cat_pat_new")).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.introspect("cat_pat_new")).contains(AHMED);
    assertThat(identity.questions).isEqualTo(2);
  }

  @Test
  void failuresAreNotRememberedAndReachTheCaller() {
    identity.down = true;
    assertThatThrownBy(() -> cache.introspect("cat_pat_a")).isInstanceOf(IdentityUnavailableException.class);
    identity.down = false;
    identity.active.put("cat_pat_a", AHMED);
    assertThat(cache.introspect("cat_pat_a")).contains(AHMED);
  }

  @Test
  void theCacheIsBoundedLeastRecentlyUsedFirstOut() {
    for (String t : new String[] {"cat_pat_1", "cat_pat_2", "cat_pat_3"}) {
      identity.active.put(t, AHMED);
      cache.introspect(t);
    }
    cache.introspect("cat_pat_1"); // used again: now the most recent
    cache.introspect("cat_pat_4");
    assertThat(cache.size()).isEqualTo(3);
    int before = identity.questions;
    cache.introspect("cat_pat_1");
    assertThat(identity.questions).as("1 was kept").isEqualTo(before);
    cache.introspect("cat_pat_2");
    assertThat(identity.questions).as("2 was dropped").isEqualTo(before + 1);
  }
}
