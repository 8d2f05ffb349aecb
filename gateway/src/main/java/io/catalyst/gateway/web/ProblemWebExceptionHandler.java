package io.catalyst.gateway.web;

import io.catalyst.gateway.resilience.ServiceFailures;
import io.catalyst.gateway.resilience.UnavailableServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * The gateway's one exception translator (it replaces Boot's Whitelabel handler): every error that reaches it is
 * answered as a problem, never a stack trace. Failed calls to services become the 503 naming the service.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

  private final ProblemWriter problems;
  private final ServiceFailures serviceFailures;

  ProblemWebExceptionHandler(ProblemWriter problems, ServiceFailures serviceFailures) {
    this.problems = problems;
    this.serviceFailures = serviceFailures;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(failure); // the status line is gone; only the connection can tell the client now
    }
    var unavailable = serviceFailures.asUnavailable(exchange, failure);
    if (unavailable.isPresent()) {
      return serviceUnavailable(exchange, unavailable.get());
    }
    if (failure instanceof ResponseStatusException rse) {
      return clientVisible(exchange, rse);
    }
    if (failure instanceof AuthenticationServiceException) {
      // The token could not be checked at all (identity-service's key set unreachable): not the client's fault.
      log.warn("Bearer token could not be verified: {}", failure.getMessage());
      exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
      return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
          "Access tokens cannot be verified right now (identity-service is unreachable); try again shortly");
    }
    if (failure instanceof OAuth2AuthorizationException expired) {
      // TokenRelay could not get an access token for the session (refresh token expired or revoked).
      log.info("Session's access token could not be renewed: {}", expired.getError());
      return problems.write(exchange, HttpStatus.UNAUTHORIZED,
          "Your session has expired; sign in again at /oauth2/authorization/catalyst");
    }
    log.error("Request {} {} failed [requestId={}]", exchange.getRequest().getMethod(),
        exchange.getRequest().getPath(), RequestIdFilter.requestIdOf(exchange), failure);
    return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
        "The gateway could not handle this request; quote the request id when you report it");
  }

  private Mono<Void> serviceUnavailable(ServerWebExchange exchange, UnavailableServiceException unavailable) {
    log.info("{} unavailable for {} {}: {}", unavailable.serviceId(), exchange.getRequest().getMethod(),
        exchange.getRequest().getPath(), unavailable.getCause() == null ? "-" : unavailable.getCause().toString());
    long seconds = Math.max(1, (unavailable.retryAfter().toMillis() + 999) / 1000);
    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, unavailable.getReason());
  }

  private Mono<Void> clientVisible(ServerWebExchange exchange, ResponseStatusException rse) {
    HttpStatusCode status = rse.getStatusCode();
    exchange.getResponse().getHeaders().putAll(rse.getHeaders());
    if (status.is5xxServerError()) {
      log.error("Request {} {} failed [requestId={}]", exchange.getRequest().getMethod(),
          exchange.getRequest().getPath(), RequestIdFilter.requestIdOf(exchange), rse);
    }
    return problems.write(exchange, status, detailOf(exchange, rse));
  }

  private static String detailOf(ServerWebExchange exchange, ResponseStatusException rse) {
    String path = exchange.getRequest().getPath().value();
    return switch (rse.getStatusCode().value()) {
      case 404 -> "Nothing is served at " + path + "; check the path against the API documentation";
      case 405 -> rse instanceof MethodNotAllowedException notAllowed
          ? "%s is not supported at %s; use one of %s".formatted(notAllowed.getHttpMethod(), path,
              notAllowed.getSupportedMethods())
          : "This method is not supported at " + path;
      case 413 -> rse.getReason() != null ? rse.getReason() : "The request body is too large";
      case 415 -> rse instanceof UnsupportedMediaTypeStatusException unsupported
          ? "Content type %s is not supported at %s; send one of %s".formatted(unsupported.getContentType(), path,
              unsupported.getSupportedMediaTypes())
          : "This content type is not supported at " + path;
      case 406 -> "None of the media types in Accept can be answered at " + path + "; accept application/json";
      case 400 -> rse instanceof ServerWebInputException
          ? "The request could not be read; check its body and parameters against the API documentation"
          : rse.getReason() != null ? rse.getReason() : "The request is not valid";
      default -> rse.getStatusCode().is5xxServerError() || rse.getReason() == null
          ? "The gateway could not handle this request; quote the request id when you report it"
          : rse.getReason();
    };
  }
}
