package io.catalyst.platform.core;

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
  void theShapeDecidesWhatATokenIs() {
    assertThat(TokenScopes.isPersonalAccessToken("cat_pat_abc")).isTrue();
    assertThat(TokenScopes.isPersonalAccessToken("eyJhbGciOi.x.y")).isFalse();
    assertThat(TokenScopes.isPersonalAccessToken("crt_abc")).isFalse();
    assertThat(TokenScopes.isPersonalAccessToken(null)).isFalse();
  }

  @Test
  void aTokenIsKeyedByItsFingerprintNeverItself() {
    String fingerprint = TokenScopes.fingerprint("cat_pat_abc");
    assertThat(fingerprint).hasSize(64).matches("[0-9a-f]+").doesNotContain("cat_pat");
    assertThat(TokenScopes.fingerprint("cat_pat_abc")).isEqualTo(fingerprint);
    assertThat(TokenScopes.fingerprint("cat_pat_abd")).isNotEqualTo(fingerprint);
  }
}
