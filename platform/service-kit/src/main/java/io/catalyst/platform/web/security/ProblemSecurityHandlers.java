package io.catalyst.platform.web.security;

import io.catalyst.platform.core.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 from the security filters, in the same problem+json shape as everything else. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final JsonMapper json;

  public ProblemSecurityHandlers(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
      throws IOException {
    if (ex instanceof OrganizationSuspendedException suspended) {
      ProblemDetail body = problem(request, HttpStatus.FORBIDDEN, ProblemTypes.ORGANIZATION_SUSPENDED,
          "Organization suspended", suspended.detail());
      body.setProperty("organization", suspended.organization());
      write(response, body);
      return;
    }
    if (ex instanceof IdentityUnavailableException) {
      ProblemDetail body = problem(request, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
          "Service unavailable", "identity-service is unavailable right now, so your personal access token cannot be "
              + "checked; try again shortly.");
      body.setProperty("service", "identity-service");
      response.setHeader("Retry-After", "5");
      write(response, body);
      return;
    }
    boolean badToken = ex instanceof InvalidBearerTokenException
        || request.getHeader("Authorization") != null;
    String detail = badToken
        ? "The bearer token is invalid or expired. Sign in again or use a valid access token."
        : "This needs a bearer access token. Sign in, or send 'Authorization: Bearer <token>'.";
    response.setHeader("WWW-Authenticate", badToken
        ? "Bearer error=\"invalid_token\", error_description=\"The token is invalid or expired\""
        : "Bearer");
    write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", detail);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
      throws IOException {
    write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
        "Your role does not allow this action. Ask an org-admin of your Organization for access.");
  }

  /**
   * 403 for a personal access token without the scope the request needs, naming it (RFC 6750
   * {@code insufficient_scope}).
   */
  public void insufficientScope(HttpServletRequest request, HttpServletResponse response, String scope)
      throws IOException {
    ProblemDetail body = problem(request, HttpStatus.FORBIDDEN, ProblemTypes.INSUFFICIENT_SCOPE, "Insufficient scope",
        "This personal access token lacks the scope " + scope + ", which " + request.getMethod() + " requests need. "
            + "Create a token with " + scope + ".");
    body.setProperty("scope", scope);
    response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
    write(response, body);
  }

  private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
      String title, String detail) throws IOException {
    write(response, problem(request, status, type, title, detail));
  }

  private static ProblemDetail problem(HttpServletRequest request, HttpStatus status, URI type, String title,
      String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(type);
    body.setTitle(title);
    body.setInstance(URI.create(request.getRequestURI()));
    return body;
  }

  private void write(HttpServletResponse response, ProblemDetail body) throws IOException {
    response.setStatus(body.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body);
  }
}
