package io.catalyst.gateway.security;

import io.catalyst.platform.core.TokenScopes;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/**
 * A bearer token is either an access token (a JWT, checked here against identity-service's keys) or a personal
 * access token ({@code cat_pat_…}, checked by introspection at identity-service). Both are forwarded unchanged.
 */
final class BearerAuthenticationManager implements ReactiveAuthenticationManager {

  private final ReactiveAuthenticationManager jwt;
  private final PatIntrospection pats;

  BearerAuthenticationManager(ReactiveAuthenticationManager jwt, PatIntrospection pats) {
    this.jwt = jwt;
    this.pats = pats;
  }

  @Override
  public Mono<Authentication> authenticate(Authentication authentication) {
    if (!(authentication instanceof BearerTokenAuthenticationToken bearer)
        || !TokenScopes.isPersonalAccessToken(bearer.getToken())) {
      return jwt.authenticate(authentication);
    }
    String token = bearer.getToken();
    return pats.introspect(token).map(answer -> {
      if (!answer.active()) {
        throw new InvalidBearerTokenException("The personal access token is unknown, expired or revoked");
      }
      return new PatAuthentication(token, answer);
    });
  }
}
