package io.catalyst.identity.sso;

import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Only users of an Application's Organization may log in with its SSO client: on {@code /oauth2/authorize} for an
 * {@code app-…} client, a signed-in user of another Organization (or of none) is refused with {@code access_denied}
 * (sent back to the redirect URI when it is one the client registered, otherwise 400) before a code is issued. Runs
 * just before Spring Security's filters and reads the browser session's sign-in the way they do; requests that are
 * not signed in yet pass on and are sent to the login page, then come back here. A refresh of such a client's token
 * is refused ({@code invalid_grant}) once its user is no longer in the client's Organization.
 */
@Component
class SsoClientAccessFilter extends OncePerRequestFilter implements Ordered {

  /** Just before Spring Security's filter chain (-100). */
  static final int ORDER = -101;
  private static final String AUTHORIZE = "/oauth2/authorize";
  private static final String TOKEN = "/oauth2/token";

  private final SsoClientService clients;
  private final Users users;
  private final OAuth2AuthorizationService authorizations;
  private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

  SsoClientAccessFilter(SsoClientService clients, Users users, OAuth2AuthorizationService authorizations) {
    this.clients = clients;
    this.users = users;
    this.authorizations = authorizations;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (TOKEN.equals(path)) {
      return !"POST".equals(request.getMethod()) || !"refresh_token".equals(request.getParameter("grant_type"));
    }
    String clientId = request.getParameter("client_id");
    return !AUTHORIZE.equals(path) || clientId == null || !clientId.startsWith(SsoClientService.CLIENT_PREFIX);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().endsWith(TOKEN)) {
      refresh(request, response, chain);
      return;
    }
    Authentication user = request.getSession(false) == null ? null
        : sessions.loadDeferredContext(request).get().getAuthentication();
    if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
      chain.doFilter(request, response);
      return;
    }
    Optional<SsoClientService.Access> access = clients.access(request.getParameter("client_id"));
    if (access.isEmpty() || access.get().organization().equals(organizationOf(user.getName()))) {
      chain.doFilter(request, response);
      return;
    }
    String description = "This application belongs to another Organization; sign in with an account of its"
        + " Organization.";
    String redirect = request.getParameter("redirect_uri");
    if (redirect == null && access.get().redirectUris().size() == 1) {
      redirect = access.get().redirectUris().getFirst();
    }
    if (redirect != null && access.get().redirectUris().contains(redirect)) {
      UriComponentsBuilder back = UriComponentsBuilder.fromUriString(redirect)
          .queryParam("error", "access_denied").queryParam("error_description", description);
      if (request.getParameter("state") != null) {
        back.queryParam("state", request.getParameter("state"));
      }
      response.sendRedirect(back.encode().build().toUriString());
      return;
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"error\":\"access_denied\",\"error_description\":\"" + description + "\"}");
  }

  /**
   * A refresh token of an SSO client keeps working only while its user is still in the client's Organization (a
   * member who was removed or moved gets {@code invalid_grant}).
   */
  private void refresh(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = request.getParameter("refresh_token");
    OAuth2Authorization authorization = token == null ? null
        : authorizations.findByToken(token, OAuth2TokenType.REFRESH_TOKEN);
    if (authorization != null) {
      Optional<SsoClientService.Access> access = clients.access(authorization.getRegisteredClientId());
      if (access.isPresent() && !access.get().organization().equals(organizationOf(authorization.getPrincipalName()))) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"invalid_grant\",\"error_description\":\"The user no longer"
            + " belongs to this application's Organization.\"}");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private String organizationOf(String principal) {
    try {
      return users.membership(UUID.fromString(principal)).map(Membership::organization).orElse(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
