package io.catalyst.identity.login;

import io.catalyst.identity.organization.OrganizationStatus;
import io.catalyst.identity.token.Logins;
import io.catalyst.platform.web.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The authorization server's login form checks passwords exactly like the JSON login (limits, lockout). The
 * authenticated principal's name is the user id, which becomes the token's {@code sub}.
 */
@Component
public class BrowserLoginAuthenticationProvider implements AuthenticationProvider {

  private final PasswordLogin login;
  private final Clock clock;
  private final OrganizationStatus status;
  private final Logins logins;

  BrowserLoginAuthenticationProvider(PasswordLogin login, Clock clock, OrganizationStatus status, Logins logins) {
    this.login = login;
    this.logins = logins;
    this.clock = clock;
    this.status = status;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String email = authentication.getName();
    String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
    try {
      UUID user = login.verify(email, password, address());
      if (status.suspendedOrganizationOf(user).isPresent()) {
        throw new DisabledException("Your Organization is suspended; contact the Sovereign's operator.");
      }
      logins.browserSucceeded(user, Logins.PASSWORD, null, Logins.currentRequest(), null);
      return UsernamePasswordAuthenticationToken.authenticated(user.toString(), null,
          List.of(new SimpleGrantedAuthority("ROLE_user"),
              FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                  .issuedAt(clock.instant()).build()));
    } catch (ProblemException e) {
      if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
        throw new LockedException(e.getMessage());
      }
      throw new BadCredentialsException(e.getMessage());
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private static String address() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return "unknown";
  }
}
