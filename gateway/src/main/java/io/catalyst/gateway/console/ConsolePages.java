package io.catalyst.gateway.console;

import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The console is a single-page app (module {@code console}, packaged as {@code classpath:/static/}): its pages are
 * routes in the browser, so a navigation to one of them (a bookmark, a reload, the return from the login) is answered
 * with the app's {@code index.html}, which then shows the page. Only the console's own route prefixes fall back; any
 * other unknown path stays a 404 problem, and {@code /api/**}, {@code /git/**}, the login and actuator never reach
 * here as pages.
 *
 * <p>Runs after the security filters, so a signed-out navigation to {@code /console/**} is still sent through the
 * login first. The app's hashed assets ({@code /assets/*-<hash>.js}) never change under their name and are cached
 * for a year; {@code index.html} is revalidated on every load so a new release is picked up at once.
 */
@Component
@Order(0)
public class ConsolePages implements WebFilter {

  static final String INDEX = "/index.html";

  /** The console's client-side routes (console/src/App.tsx): add a prefix here when the app gets a new one. */
  static final List<PathPattern> PAGES = patterns("/", "/blueprints", "/blueprints/**", "/console", "/console/**");

  private static final PathPattern ASSETS = PathPatternParser.defaultInstance.parse("/assets/**");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    HttpMethod method = exchange.getRequest().getMethod();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      return chain.filter(exchange);
    }
    PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
    if (PAGES.stream().anyMatch(page -> page.matches(path))) {
      cacheControl(exchange, "no-cache");
      return chain.filter(exchange.mutate().request(request -> request.path(INDEX)).build());
    }
    if (ASSETS.matches(path)) {
      cacheControl(exchange, "public, max-age=31536000, immutable");
    }
    return chain.filter(exchange);
  }

  /** Set just before the response is sent, after the security headers (which default to no-store) were written. */
  private static void cacheControl(ServerWebExchange exchange, String value) {
    exchange.getResponse().beforeCommit(() -> {
      if (exchange.getResponse().getStatusCode() != null && exchange.getResponse().getStatusCode().is2xxSuccessful()) {
        exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, value);
        exchange.getResponse().getHeaders().remove(HttpHeaders.PRAGMA);
        exchange.getResponse().getHeaders().remove(HttpHeaders.EXPIRES);
      }
      return Mono.empty();
    });
  }

  private static List<PathPattern> patterns(String... patterns) {
    return java.util.Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toList();
  }
}
