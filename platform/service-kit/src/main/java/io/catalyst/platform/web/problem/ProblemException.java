package io.catalyst.platform.web.problem;

import io.catalyst.platform.core.ProblemTypes;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, answered as {@code application/problem+json} by the exception translator. Throw
 * it from application services; the {@code detail} says what to fix in the user's words.
 */
public class ProblemException extends RuntimeException {

  private final HttpStatus status;
  private final URI type;
  private final String title;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private Duration retryAfter;

  public ProblemException(HttpStatus status, URI type, String title, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  /** 404: the thing does not exist, or belongs to another Organization (which must not be revealed). */
  public static ProblemException notFound(String what) {
    return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", what + " does not exist.");
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", detail);
  }

  /** 400 with field errors, the same shape bean validation failures get. */
  public static ProblemException invalid(String detail, List<FieldProblem> errors) {
    return badRequest(detail).with("errors", errors);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail);
  }

  public static ProblemException gone(String detail) {
    return new ProblemException(HttpStatus.GONE, ProblemTypes.GONE, "Gone", detail);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
  }

  public static ProblemException unprocessable(String detail) {
    return new ProblemException(
        HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.UNPROCESSABLE, "Unprocessable request", detail);
  }

  public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
    return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many requests", detail)
        .retryAfter(retryAfter);
  }

  /** 503 naming the dependency that is down, so the user knows it is not their fault. */
  public static ProblemException unavailable(String service) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
        "Service unavailable", service + " is unavailable right now; try again shortly.")
        .with("service", service)
        .retryAfter(Duration.ofSeconds(5));
  }

  /** Adds a member to the problem body (e.g. {@code currentHead}, {@code errors}). */
  public ProblemException with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public ProblemException retryAfter(Duration retryAfter) {
    this.retryAfter = retryAfter;
    return this;
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  public Duration retryAfterOrNull() {
    return retryAfter;
  }
}
