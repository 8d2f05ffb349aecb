package io.catalyst.gateway.web;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses API request bodies above {@code catalyst.gateway.max-request-size} with a 413 problem: at once when the
 * declared {@code Content-Length} is too large, and for chunked bodies as soon as the bytes read pass the limit.
 * Git pushes ({@code /git/**}) are not API calls and stream without a limit.
 */
public class RequestSizeLimitFilter implements WebFilter, Ordered {

  /** Right after the request id, before authentication: a refused body is never read. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

  private final long maxBytes;
  private final ProblemWriter problems;

  public RequestSizeLimitFilter(long maxBytes, ProblemWriter problems) {
    this.maxBytes = maxBytes;
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (!API.matches(request.getPath().pathWithinApplication())) {
      return chain.filter(exchange);
    }
    long declared = request.getHeaders().getContentLength();
    if (declared > maxBytes) {
      return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, tooLarge());
    }
    if (declared >= 0) {
      return chain.filter(exchange); // the server reads no more than the declared length
    }
    return chain.filter(exchange.mutate().request(new CountingRequest(request)).build());
  }

  private String tooLarge() {
    return "The request body is larger than the %d bytes the API accepts; send a smaller body."
        .formatted(maxBytes);
  }

  /** A body without a declared length, failed as soon as it passes the limit. */
  private final class CountingRequest extends ServerHttpRequestDecorator {
    CountingRequest(ServerHttpRequest delegate) {
      super(delegate);
    }

    @Override
    public Flux<DataBuffer> getBody() {
      AtomicLong read = new AtomicLong();
      return super.getBody().handle((buffer, sink) -> {
        if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
          DataBufferUtils.release(buffer);
          sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLarge()));
        } else {
          sink.next(buffer);
        }
      });
    }
  }
}
