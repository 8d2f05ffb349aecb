package io.catalyst.gateway.routing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Removes the gateway's own cookies from a request that is forwarded with the browser's other cookies. */
final class GatewayCookies {

  /** The console's session cookie and its CSRF cookie. */
  static final Set<String> OWN = Set.of("CATALYST_SESSION", "XSRF-TOKEN");

  static final GatewayFilter STRIP = (exchange, chain) -> {
    ServerHttpRequest request = exchange.getRequest();
    if (request.getCookies().keySet().stream().noneMatch(OWN::contains)) {
      return chain.filter(exchange);
    }
    String others = request.getCookies().values().stream()
        .flatMap(List::stream)
        .filter(cookie -> !OWN.contains(cookie.getName()))
        .map(HttpCookie::toString)
        .collect(Collectors.joining("; "));
    ServerHttpRequest stripped = request.mutate().headers(headers -> {
      headers.remove(HttpHeaders.COOKIE);
      if (!others.isEmpty()) {
        headers.set(HttpHeaders.COOKIE, others);
      }
    }).build();
    return chain.filter(exchange.mutate().request(stripped).build());
  };

  private GatewayCookies() {}
}
