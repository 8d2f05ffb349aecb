package io.catalyst.platform.web.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a personal access token: the {@link Caller} introspection answered, with authorities
 * {@code ROLE_<role>} for its roles and {@code SCOPE_<scope>} for the token's scopes. The token itself is not kept.
 */
public class PersonalAccessTokenAuthentication extends AbstractAuthenticationToken {

  private final Caller caller;

  public PersonalAccessTokenAuthentication(Caller caller) {
    super(authorities(caller));
    this.caller = caller;
    setAuthenticated(true);
  }

  public Caller caller() {
    return caller;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public Object getPrincipal() {
    return caller.subject();
  }

  private static List<GrantedAuthority> authorities(Caller caller) {
    List<GrantedAuthority> out = new ArrayList<>();
    caller.roles().forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
    caller.scopes().forEach(s -> out.add(new SimpleGrantedAuthority("SCOPE_" + s)));
    return out;
  }
}
