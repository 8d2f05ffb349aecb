package io.catalyst.gateway.security;

import io.catalyst.gateway.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 403 as a problem: the token is valid but does not grant this path (the gateway's own actuator), or a personal
 * access token lacks the scope the method needs.
 */
@Component
class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

  private final ProblemWriter problems;

  ProblemAccessDeniedHandler(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    return exchange.getPrincipal()
        .map(principal -> principal instanceof PatAuthentication
            ? "This personal access token lacks the scope " + PatAuthentication.scopeFor(exchange.getRequest()
                .getMethod()) + "; create one that has it"
            : "Your access token does not grant " + exchange.getRequest().getPath().value())
        .defaultIfEmpty("Your access token does not grant " + exchange.getRequest().getPath().value())
        .flatMap(detail -> {
          exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
          return problems.write(exchange, HttpStatus.FORBIDDEN, detail);
        });
  }
}
