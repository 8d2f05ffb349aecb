package io.catalyst.provisioning.githost;

import io.catalyst.platform.core.TokenScopes;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.PersonalAccessTokenIntrospector;
import java.util.Optional;

/**
 * Accepts identity-service's personal access tokens ({@code cat_pat_…}) through the service kit's introspection
 * (with this service's client-credentials token, cached briefly). The caller carries the token's scopes;
 * {@link GitAuthenticationFilter} requires {@code git:read} to fetch and {@code git:write} to push. When
 * identity-service cannot be asked the {@link io.catalyst.platform.web.security.IdentityUnavailableException}
 * reaches the filter (503), so a valid token is never answered "wrong password".
 */
public class PersonalAccessTokenVerifier implements AccessTokenVerifier {

  private final PersonalAccessTokenIntrospector introspector;

  public PersonalAccessTokenVerifier(PersonalAccessTokenIntrospector introspector) {
    this.introspector = introspector;
  }

  @Override
  public Optional<Caller> verify(String token) {
    if (!TokenScopes.isPersonalAccessToken(token)) {
      return Optional.empty(); // a JWT: the other verifier's
    }
    return introspector.introspect(token);
  }
}
