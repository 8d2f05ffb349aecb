package io.catalyst.gateway.web;

import io.catalyst.platform.core.ProblemTexts;
import io.catalyst.platform.core.ProblemTypes;
import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the one error shape of the gateway: RFC 9457 {@code application/problem+json} with a stable {@code type}
 * from {@link ProblemTypes}, the request's path as {@code instance} and its {@code requestId}. Every error the
 * gateway answers itself goes through here (exception handler, security, rate limiter, body limit, fallback).
 */
@Component
public class ProblemWriter {

  private static final Logger log = LoggerFactory.getLogger(ProblemWriter.class);
  private final JsonMapper json;

  public ProblemWriter(JsonMapper json) {
    this.json = json;
  }

  /** The problem body as JSON; field order is the RFC's. */
  record Problem(URI type, String title, int status, String detail, String instance, String requestId) {}

  /** Answers {@code status} with a problem whose type follows from the status. */
  public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    if (status.is4xxClientError() && ProblemTexts.namesInternals(detail)) {
      // The rule of every problem writer of the mesh: a 4xx detail is for a person, never a Java type or package.
      log.warn("A {} problem's detail named internals and was replaced: {}", status.value(), detail);
      detail = ProblemTexts.plain(status.value(), titleOf(status));
    }
    Problem problem = new Problem(typeOf(status), titleOf(status), status.value(), detail,
        instanceOf(exchange), RequestIdFilter.requestIdOf(exchange));
    byte[] body = json.writeValueAsBytes(problem);
    response.setStatusCode(status);
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.setContentLength(body.length);
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  /**
   * The path the client asked for. Routing may have changed the request since (a health route's rewrite, the
   * circuit breaker's forward to its fallback); SCG keeps the client's URL first among the originals.
   */
  private static String instanceOf(ServerWebExchange exchange) {
    Set<URI> originals = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
    if (originals != null && !originals.isEmpty()) {
      return originals.iterator().next().getRawPath();
    }
    return exchange.getRequest().getPath().value();
  }

  static URI typeOf(HttpStatusCode status) {
    return ProblemTypes.forStatus(status.value());
  }

  private static String titleOf(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known != null ? known.getReasonPhrase() : "Error " + status.value();
  }
}
