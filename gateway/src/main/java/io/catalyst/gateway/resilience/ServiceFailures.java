package io.catalyst.gateway.resilience;

import io.catalyst.gateway.routing.RouteMetadata;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Recognises a failed call to a service (refused, reset, timed out, no instance, breaker open) and turns it into
 * the 503 {@link UnavailableServiceException} that names the service.
 */
@Component
public class ServiceFailures {

  private final CircuitBreakerRegistry breakers;

  public ServiceFailures(CircuitBreakerRegistry breakers) {
    this.breakers = breakers;
  }

  /** The 503 for a failure of {@code serviceId}, whatever the cause. */
  public UnavailableServiceException unavailable(String serviceId, Throwable cause) {
    String detail = isTimeout(cause)
        ? serviceId + " did not answer in time; try again shortly"
        : serviceId + " is unavailable right now; try again shortly";
    return new UnavailableServiceException(serviceId, detail, retryAfter(serviceId), cause);
  }

  /** The 503 for {@code failure} if it is a failed call to the service the exchange was routed to. */
  public Optional<UnavailableServiceException> asUnavailable(ServerWebExchange exchange, Throwable failure) {
    if (failure instanceof UnavailableServiceException unavailable) {
      return Optional.of(unavailable);
    }
    if (!isServiceFailure(failure)) {
      return Optional.empty();
    }
    return RouteMetadata.serviceOf(exchange).map(service -> unavailable(service, failure));
  }

  static boolean isServiceFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof PrematureCloseException
          || t instanceof ClosedChannelException || t instanceof CallNotPermittedException || isTimeout(t)
          || t instanceof org.springframework.cloud.gateway.support.NotFoundException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof ResponseStatusException rse && rse.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
        return true;
      }
    }
    return false;
  }

  /** A client should wait as long as an open breaker refuses calls before it tries again. */
  private Duration retryAfter(String serviceId) {
    CircuitBreakerConfig config = breakers.find(serviceId)
        .map(cb -> cb.getCircuitBreakerConfig())
        .orElseGet(breakers::getDefaultConfig);
    return Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1));
  }
}
