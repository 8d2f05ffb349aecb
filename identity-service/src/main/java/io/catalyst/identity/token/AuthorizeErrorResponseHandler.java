package io.catalyst.identity.token;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Answers a bad {@code /oauth2/authorize} request as RFC 6749 §4.1.2.1 says: back to the client's registered
 * redirect URI with {@code error} when that URI has been validated, otherwise a 400 with the OAuth error as JSON. The
 * framework's default sends a servlet error instead, which surfaced as a 500 through the error page.
 */
class AuthorizeErrorResponseHandler implements AuthenticationFailureHandler {

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth
        ? oauth.getError() : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The authorization request is invalid", null);
    OAuth2AuthorizationCodeRequestAuthenticationToken authorization =
        exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e
            ? e.getAuthorizationCodeRequestAuthentication() : null;
    if (authorization != null && StringUtils.hasText(authorization.getRedirectUri())) {
      UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(authorization.getRedirectUri())
          .queryParam("error", error.getErrorCode());
      if (StringUtils.hasText(error.getDescription())) {
        uri.queryParam("error_description", error.getDescription());
      }
      if (StringUtils.hasText(authorization.getState())) {
        uri.queryParam("state", authorization.getState());
      }
      response.sendRedirect(uri.encode(StandardCharsets.UTF_8).build().toUriString());
      return;
    }
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String description = error.getDescription() != null ? error.getDescription()
        : "The authorization request is invalid; check client_id, redirect_uri, response_type and PKCE parameters";
    response.getWriter().write("{\"error\":\"" + json(error.getErrorCode()) + "\",\"error_description\":\""
        + json(description) + "\"}");
  }

  private static String json(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
