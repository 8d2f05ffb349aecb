package io.catalyst.gateway.web;

import io.catalyst.platform.core.RequestContext;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the client's own if it is a sane token, a new one otherwise. The
 * backend receives it, the client gets it back, and every problem body carries it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
    String requestId = RequestContext.isSaneRequestId(offered) ? offered : UUID.randomUUID().toString();
    exchange.getAttributes().put(ATTRIBUTE, requestId);
    ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, requestId)).build();
    // Set just before commit so a backend's own echo does not make it a list.
    exchange.getResponse().beforeCommit(() -> {
      exchange.getResponse().getHeaders().set(HEADER, requestId);
      return Mono.empty();
    });
    return chain.filter(exchange.mutate().request(request).build());
  }

  /** The id given to {@code exchange}'s request (a forwarded fallback sees the same attributes). */
  public static String requestIdOf(ServerWebExchange exchange) {
    return exchange.getAttribute(ATTRIBUTE);
  }
}
