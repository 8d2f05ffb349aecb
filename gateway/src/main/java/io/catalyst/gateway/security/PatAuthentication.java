package io.catalyst.gateway.security;

import io.catalyst.platform.core.TokenScopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an active personal access token: its owner (the principal's name is the user id, so
 * the rate limiter counts the user), the owner's roles ({@code ROLE_…}) and the token's scopes ({@code SCOPE_…}).
 */
final class PatAuthentication extends AbstractAuthenticationToken {

  private final String subject;
  private final String token;
  private final Set<String> scopes;

  PatAuthentication(String token, PatIntrospection.Introspected answer) {
    super(authorities(answer));
    this.subject = answer.subject();
    this.token = token;
    this.scopes = Set.copyOf(answer.scopes());
    setAuthenticated(true);
  }

  private static List<GrantedAuthority> authorities(PatIntrospection.Introspected answer) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    answer.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
    answer.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
    return authorities;
  }

  /** The scope an API call with {@code method} needs (the same rules as the services': {@link TokenScopes}). */
  static String scopeFor(HttpMethod method) {
    return TokenScopes.forApi(method == null ? null : method.name());
  }

  /** Whether the token may make an API call with {@code method} ({@code api:write} includes {@code api:read}). */
  boolean allows(HttpMethod method) {
    return TokenScopes.grants(scopes, scopeFor(method));
  }

  @Override
  public Object getCredentials() {
    return token;
  }

  @Override
  public Object getPrincipal() {
    return subject;
  }

  @Override
  public String getName() {
    return subject;
  }
}
