package io.catalyst.platform.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerScopesTest {

  @Test
  void onlyPersonalAccessTokensAreLimitedByScopes() {
    Caller jwt = new Caller("u", "acme", Set.of("org-admin"), Set.of(), Set.of());
    assertThat(jwt.personalAccessToken()).isFalse();
    assertThat(jwt.allows("api:write")).isTrue();
    assertThat(jwt.allows("git:write")).isTrue();
    Caller pat = Caller.ofPersonalAccessToken("u", "acme", Set.of("org-admin"), Set.of(), Set.of(), Set.of("git:read"));
    assertThat(pat.allows("git:read")).isTrue();
    assertThat(pat.allows("git:write")).isFalse();
    assertThat(pat.allows("api:read")).isFalse();
    assertThat(Caller.ofPersonalAccessToken("u", "acme", Set.of(), Set.of(), Set.of(), Set.of()).allows("api:read"))
        .as("a PAT without scopes allows nothing").isFalse();
  }
}
