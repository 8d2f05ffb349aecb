package io.catalyst.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The gateway asks a personal access token for the same scopes as the services do. */
class PatAuthenticationTest {

  private static PatAuthentication token(String... scopes) {
    return new PatAuthentication("cat_pat_x", new PatIntrospection.Introspected(true, "user-1", List.of("org-admin"),
        List.of(scopes), Instant.now().plusSeconds(60)));
  }

  @Test
  void readingNeedsApiReadAndChangingApiWrite() {
    assertThat(token("api:read").allows(HttpMethod.GET)).isTrue();
    assertThat(token("api:read").allows(HttpMethod.HEAD)).isTrue();
    assertThat(token("api:read").allows(HttpMethod.POST)).isFalse();
    assertThat(token("api:read").allows(HttpMethod.DELETE)).isFalse();
    assertThat(token("git:write").allows(HttpMethod.GET)).isFalse();
  }

  @Test
  void aWriteTokenMayAlsoReadAsItMayAtTheServices() {
    assertThat(token("api:write").allows(HttpMethod.GET)).isTrue();
    assertThat(token("api:write").allows(HttpMethod.PUT)).isTrue();
    assertThat(PatAuthentication.scopeFor(HttpMethod.OPTIONS)).isEqualTo("api:read");
  }
}
