package io.catalyst.gateway.resilience;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A service behind the gateway could not answer: refused, timed out, or its circuit breaker is open. */
public class UnavailableServiceException extends ResponseStatusException {

  private final String serviceId;
  private final Duration retryAfter;

  public UnavailableServiceException(String serviceId, String detail, Duration retryAfter, Throwable cause) {
    super(HttpStatus.SERVICE_UNAVAILABLE, detail, cause);
    this.serviceId = serviceId;
    this.retryAfter = retryAfter;
  }

  public String serviceId() {
    return serviceId;
  }

  /** When the client may try again: the breaker's wait in open state. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
