package io.catalyst.gateway.web;

import io.catalyst.platform.core.RequestContext;
import io.catalyst.platform.core.RequestContext.Surface;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Tells the services through which surface a request entered, in {@code X-Catalyst-Surface}: {@code git} for the Git
 * host, {@code api} for a bearer token or personal access token, {@code ui} for the console's session cookie (the
 * token relay adds the bearer token later, so the original request shows which). A value a client sends is replaced:
 * only the gateway says it. Audit records the surface of every change from the events' envelopes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class SurfaceFilter implements WebFilter {

  static final String SESSION_COOKIE = "CATALYST_SESSION";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Surface surface = surfaceOf(exchange.getRequest());
    ServerHttpRequest request = exchange.getRequest().mutate()
        .headers(h -> h.set(RequestContext.SURFACE_HEADER, surface.label())).build();
    return chain.filter(exchange.mutate().request(request).build());
  }

  static Surface surfaceOf(ServerHttpRequest request) {
    String path = request.getPath().pathWithinApplication().value();
    if (path.equals("/git") || path.startsWith("/git/")) {
      return Surface.GIT;
    }
    if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
      return Surface.API;
    }
    return request.getCookies().containsKey(SESSION_COOKIE) ? Surface.UI : Surface.API;
  }
}
