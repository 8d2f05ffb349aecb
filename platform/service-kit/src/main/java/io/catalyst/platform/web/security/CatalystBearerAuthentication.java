package io.catalyst.platform.web.security;

import io.catalyst.platform.core.TokenScopes;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The resource server's bearer token check, by the token's shape: a personal access token ({@code cat_pat_…}) is
 * introspected, anything else is validated as identity-service's JWT. Either way a caller acting in a suspended
 * Organization is refused ({@link OrganizationSuspendedException}, 403); services are never refused.
 */
public class CatalystBearerAuthentication implements AuthenticationManager {

  private final JwtAuthenticationProvider jwt;
  private final PersonalAccessTokenIntrospector personalAccessTokens;
  private final SuspendedOrganizations suspended;

  /** {@code personalAccessTokens} may be null: this process then refuses personal access tokens (401). */
  public CatalystBearerAuthentication(JwtAuthenticationProvider jwt,
      PersonalAccessTokenIntrospector personalAccessTokens, SuspendedOrganizations suspended) {
    this.jwt = jwt;
    this.personalAccessTokens = personalAccessTokens;
    this.suspended = suspended;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
      return null;
    }
    Authentication result;
    Caller caller;
    if (TokenScopes.isPersonalAccessToken(bearer.getToken())) {
      if (personalAccessTokens == null) {
        throw new InvalidBearerTokenException("This service does not accept personal access tokens");
      }
      caller = personalAccessTokens.introspect(bearer.getToken()).orElseThrow(() -> new InvalidBearerTokenException(
          "The personal access token is unknown, expired or revoked"));
      PersonalAccessTokenAuthentication pat = new PersonalAccessTokenAuthentication(caller);
      pat.setDetails(bearer.getDetails());
      result = pat;
    } else {
      result = jwt.authenticate(bearer);
      caller = result instanceof JwtAuthenticationToken token ? CallerArgumentResolver.fromJwt(token.getToken())
          : Caller.ANONYMOUS;
    }
    if (suspended.refuses(caller)) {
      throw new OrganizationSuspendedException(caller.organization());
    }
    return result;
  }
}
