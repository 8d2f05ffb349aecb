package io.catalyst.gateway.security;

import io.catalyst.gateway.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 as a problem, with the RFC 6750 {@code WWW-Authenticate: Bearer} challenge. */
@Component
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

  private final ProblemWriter problems;

  ProblemAuthenticationEntryPoint(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    String challenge = "Bearer";
    String detail = "This endpoint needs an access token; send it as 'Authorization: Bearer <token>'";
    if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError() instanceof BearerTokenError error) {
      String description = error.getDescription() == null ? "" : error.getDescription().replace('"', '\'');
      challenge = "Bearer error=\"%s\", error_description=\"%s\"".formatted(error.getErrorCode(), description);
      detail = "The access token was refused (%s); sign in again to get a new one".formatted(description);
    }
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    return problems.write(exchange, HttpStatus.UNAUTHORIZED, detail);
  }
}
