package io.catalyst.identity.federation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.HtmlUtils;

/**
 * The generated login page says only "Invalid credentials" after any failure. When a federated sign-in was refused
 * (not mapped to an Organization, Organization suspended, …) it shows the reason instead, so the person knows whom
 * to ask; password failures keep the generic text.
 */
final class LoginErrorMessage extends OncePerRequestFilter {

  private static final String GENERIC = "<div class=\"alert alert-danger\" role=\"alert\">Invalid credentials</div>";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !"/login".equals(request.getServletPath())
        || !"error".equals(request.getQueryString()) || refusal(request) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String message = refusal(request);
    ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, page);
    String html = new String(page.getContentAsByteArray(), StandardCharsets.UTF_8);
    int first = html.indexOf(GENERIC);
    if (first >= 0) {
      String reason = "<div class=\"alert alert-danger\" role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</div>";
      html = html.substring(0, first) + reason + html.substring(first + GENERIC.length()).replace(GENERIC, "");
    }
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String refusal(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
        instanceof OAuth2AuthenticationException e && FederatedUsers.ERROR.equals(e.getError().getErrorCode())) {
      return e.getError().getDescription();
    }
    return null;
  }
}
