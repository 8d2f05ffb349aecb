package io.catalyst.platform.web.problem;

import io.catalyst.platform.core.ProblemTexts;
import io.catalyst.platform.core.ProblemTypes;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become RFC 9457 problem details. Bad input is a 4xx that says what to fix; anything
 * unexpected is logged with its trace id and answered 500 with a generic detail and that trace id, never a trace.
 */
@RestControllerAdvice
public class ExceptionTranslator extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ExceptionTranslator.class);
  private final ObjectProvider<Tracer> tracer;

  public ExceptionTranslator(ObjectProvider<Tracer> tracer) {
    this.tracer = tracer;
  }

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<Object> problem(ProblemException ex, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    body.setType(ex.type());
    body.setTitle(ex.title());
    ex.properties().forEach(body::setProperty);
    HttpHeaders headers = new HttpHeaders();
    if (ex.retryAfterOrNull() != null) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfterOrNull().toSeconds())));
    }
    return respond(body, headers, ex.status(), request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
    List<FieldProblem> errors = ex.getConstraintViolations().stream()
        .map(v -> FieldProblem.field(leaf(v.getPropertyPath().toString()), v.getMessage()))
        .sorted(Comparator.comparing(FieldProblem::field))
        .toList();
    return respond(validation(errors), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
  ResponseEntity<Object> accessDenied(RuntimeException ex, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
        "Your role does not allow this action. Ask an org-admin of your Organization for access.");
    body.setType(ProblemTypes.FORBIDDEN);
    body.setTitle("Forbidden");
    return respond(body, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
  }

  /**
   * A service this one depends on failed or its circuit is open: 503 naming it, so the user knows it is transient and
   * not their fault.
   */
  @ExceptionHandler({feign.RetryableException.class,
      org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException.class,
      io.github.resilience4j.circuitbreaker.CallNotPermittedException.class})
  ResponseEntity<Object> dependencyDown(Exception ex, WebRequest request) {
    Throwable cause = ex.getCause() != null && !(ex instanceof feign.FeignException) ? ex.getCause() : ex;
    if (cause instanceof ProblemException p) {
      return problem(p, request);
    }
    String service = cause instanceof feign.FeignException f && f.request() != null
        && f.request().requestTemplate() != null && f.request().requestTemplate().feignTarget() != null
        ? f.request().requestTemplate().feignTarget().name()
        : cause instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException c
            ? c.getCausingCircuitBreakerName() : "A service this request needs";
    log.warn("Dependency failure on {}: {}", describe(request), cause.toString());
    return problem(ProblemException.unavailable(service), request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
    String traceId = traceId();
    log.error("Unexpected failure (trace {}) on {}", traceId, describe(request), ex);
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side. It has been logged; quote trace id " + traceId + " if you report it.");
    body.setType(ProblemTypes.INTERNAL);
    body.setTitle("Internal error");
    return respond(body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    boolean body = ex.getParameter().hasParameterAnnotation(RequestBody.class);
    return respond(validation(fieldProblems(ex.getBindingResult(), body)), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors = new ArrayList<>();
    ex.getParameterValidationResults().forEach(result -> {
      String name = result.getMethodParameter().getParameterName();
      result.getResolvableErrors().forEach(e -> errors.add(FieldProblem.field(name, e.getDefaultMessage())));
    });
    return respond(validation(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return respond(UnreadableBodies.describe(ex), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // Every framework exception (405, 406, 415, 404 for no handler, missing parameters, …) comes through here.
    ProblemDetail problem = body instanceof ProblemDetail p ? p
        : ex instanceof ErrorResponse er ? er.getBody()
        : ProblemDetail.forStatus(status);
    problem.setType(ProblemTypes.forStatus(status.value()));
    if (ex instanceof NoResourceFoundException) {
      problem.setDetail("There is no resource at this path. Check the URL against the API documentation.");
    } else if (ex instanceof HttpRequestMethodNotSupportedException m) {
      problem.setDetail("Method " + m.getMethod() + " is not allowed here; use one of "
          + String.join(", ", m.getSupportedMethods() == null ? new String[0] : m.getSupportedMethods()) + ".");
    } else if (ex instanceof HttpMediaTypeNotSupportedException m) {
      problem.setDetail("Content type " + m.getContentType() + " is not supported; send one of "
          + m.getSupportedMediaTypes() + ".");
    } else if (ex instanceof MaxUploadSizeExceededException) {
      problem.setDetail("The request body is larger than this endpoint accepts.");
    }
    return respond(problem, headers, status, request);
  }

  private ResponseEntity<Object> respond(
      ProblemDetail body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (request instanceof ServletWebRequest swr) {
      HttpServletRequest servlet = swr.getRequest();
      body.setInstance(URI.create(servlet.getRequestURI()));
      String requestId = servlet.getHeader("X-Request-Id");
      if (requestId != null && requestId.matches("[A-Za-z0-9._:-]{8,128}")) {
        body.setProperty("requestId", requestId); // set by the gateway; lets support find the call in its logs
      }
    }
    guardDetail(body, status);
    String traceId = traceId();
    if (!traceId.isEmpty()) {
      body.setProperty("traceId", traceId);
    }
    HttpHeaders out = new HttpHeaders();
    out.putAll(headers);
    out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(body, out, status);
  }

  static ProblemDetail validation(List<FieldProblem> errors) {
    String summary = errors.isEmpty() ? "The request is not valid."
        : "The request is not valid: " + errors.stream()
            .map(e -> (e.pointer() != null ? UnreadableBodies.named(e.pointer()) : e.field()) + " " + e.message())
            .reduce((a, b) -> a + "; " + b).orElse("") + ".";
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, summary);
    body.setType(ProblemTypes.VALIDATION);
    body.setTitle("Invalid request");
    body.setProperty("errors", errors);
    return body;
  }

  /** Errors of a request body also name the field by JSON pointer ({@code config.replicas} is {@code /config/replicas}). */
  private static List<FieldProblem> fieldProblems(BindingResult result, boolean body) {
    List<FieldProblem> errors = new ArrayList<>();
    result.getFieldErrors().forEach(e -> errors.add(body
        ? new FieldProblem(e.getField(), pointerOf(e.getField()), e.getDefaultMessage())
        : FieldProblem.field(e.getField(), e.getDefaultMessage())));
    result.getGlobalErrors().forEach(e -> errors.add(FieldProblem.field(e.getObjectName(), e.getDefaultMessage())));
    errors.sort(Comparator.comparing(FieldProblem::field));
    return errors;
  }

  private static String leaf(String path) {
    int dot = path.indexOf('.');
    return dot >= 0 ? path.substring(dot + 1) : path;
  }

  /** A bean property path of a request body as a JSON pointer: {@code items[0].name} is {@code /items/0/name}. */
  static String pointerOf(String propertyPath) {
    StringBuilder pointer = new StringBuilder();
    for (String part : propertyPath.split("\\.|(?=\\[)")) {
      if (part.isEmpty()) {
        continue;
      }
      String segment = part.startsWith("[") && part.endsWith("]") ? part.substring(1, part.length() - 1) : part;
      pointer.append('/').append(UnreadableBodies.escape(segment));
    }
    return pointer.toString();
  }

  /**
   * The last guard of the contract that a 4xx detail is written for a person (the rule of {@link ProblemTexts}): a
   * detail that names a Java package or an exception is replaced by a plain one and logged, so it is found and fixed.
   */
  private static void guardDetail(ProblemDetail body, HttpStatusCode status) {
    String detail = body.getDetail();
    if (!status.is4xxClientError() || !ProblemTexts.namesInternals(detail)) {
      return;
    }
    log.warn("A {} problem's detail named internals and was replaced: {}", status.value(), detail);
    HttpStatus known = HttpStatus.resolve(status.value());
    body.setDetail(ProblemTexts.plain(status.value(), known != null ? known.getReasonPhrase() : null));
  }

  private String traceId() {
    Tracer t = tracer.getIfAvailable();
    if (t == null || t.currentSpan() == null) {
      return "";
    }
    return t.currentSpan().context().traceId();
  }

  private static String describe(WebRequest request) {
    return request instanceof ServletWebRequest swr
        ? swr.getRequest().getMethod() + " " + swr.getRequest().getRequestURI()
        : request.getDescription(false);
  }
}
