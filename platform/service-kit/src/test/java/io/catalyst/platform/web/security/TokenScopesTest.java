package io.catalyst.platform.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenScopesTest {

  @Test
  void readingMethodsNeedApiReadEverythingElseApiWrite() {
    assertThat(TokenScopes.forApi("GET")).isEqualTo("api:read");
    assertThat(TokenScopes.forApi("head")).isEqualTo("api:read");
    assertThat(TokenScopes.forApi("OPTIONS")).isEqualTo("api:read");
    for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE", "TRACE", ""}) {
      assertThat(TokenScopes.forApi(method)).as(method).isEqualTo("api:write");
    }
    assertThat(TokenScopes.forGit(false)).isEqualTo("git:read");
    assertThat(TokenScopes.forGit(true)).isEqualTo("git:write");
  }

  @Test
  void aWriteScopeIncludesItsReadButNothingElse() {
    assertThat(TokenScopes.grants(Set.of("api:write"), "api:read")).isTrue();
    assertThat(TokenScopes.grants(Set.of("git:write"), "git:read")).isTrue();
    assertThat(TokenScopes.grants(Set.of("api:read"), "api:write")).isFalse();
    assertThat(TokenScopes.grants(Set.of("api:write"), "git:read")).isFalse();
    assertThat(TokenScopes.grants(Set.of("git:read", "git:write"), "api:read")).isFalse();
    assertThat(TokenScopes.grants(Set.of(), "api:read")).isFalse();
  }

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

  @Test
  void theShapeDecidesWhatATokenIs() {
    assertThat(TokenScopes.isPersonalAccessToken("cat_pat_abc")).isTrue();
    assertThat(TokenScopes.isPersonalAccessToken("eyJhbGciOi.x.y")).isFalse();
    assertThat(TokenScopes.isPersonalAccessToken("crt_abc")).isFalse();
    assertThat(TokenScopes.isPersonalAccessToken(null)).isFalse();
  }
}
