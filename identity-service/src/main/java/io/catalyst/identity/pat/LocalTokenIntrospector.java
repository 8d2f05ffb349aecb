package io.catalyst.identity.pat;

import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.PersonalAccessTokenIntrospector;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Lets identity-service's own API accept personal access tokens (as every other service does through the kit's
 * HTTP introspector), answering from its own table instead of calling itself.
 */
@Component
class LocalTokenIntrospector implements PersonalAccessTokenIntrospector {

  private final PersonalAccessTokens tokens;

  LocalTokenIntrospector(PersonalAccessTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Optional<Caller> introspect(String token) {
    return tokens.callerOf(token);
  }
}
