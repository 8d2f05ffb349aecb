package io.catalyst.platform.web.security;

import io.catalyst.platform.core.TokenScopes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In the API chain after the bearer token is authenticated: a request made with a personal access token needs
 * {@code api:read} (GET, HEAD, OPTIONS) or {@code api:write} (everything else), else 403 naming the missing scope.
 * Roles are checked as for any caller afterwards. Not a bean (it would be registered as a servlet filter too).
 */
public class PersonalAccessTokenScopeFilter extends OncePerRequestFilter {

  private final ProblemSecurityHandlers problems;

  public PersonalAccessTokenScopeFilter(ProblemSecurityHandlers problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof PersonalAccessTokenAuthentication pat) {
      String required = TokenScopes.forApi(request.getMethod());
      if (!pat.caller().allows(required)) {
        problems.insufficientScope(request, response, required);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
