package io.catalyst.gateway.routing;

import static io.catalyst.gateway.routing.RouteMetadata.SERVICE;

import io.catalyst.gateway.resilience.ServiceFallback;
import java.util.Map;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Every route of the gateway, derived from {@link CatalystService} so that a service's paths, health route and
 * circuit breaker are named in one place. Paths are forwarded unchanged (each service owns its prefix), and the
 * browser's {@code Cookie} header is stripped except where identity-service's login needs its own session. A
 * request authenticated by the console's session reaches the service with the session's access token
 * ({@code TokenRelay}, refreshed when due); a bearer token (JWT or personal access token) is forwarded unchanged.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

  /** Responses the client reads as a stream (server-sent events, NDJSON). */
  private static final String STREAMING_ACCEPT = ".*(text/event-stream|application/x-ndjson).*";

  // Health and stream routes share a service's path prefix, so they are tried before its catch-all route.
  private static final int HEALTH_ORDER = -20;
  private static final int STREAM_ORDER = -10;

  @Bean
  RouteLocator serviceRouteLocator(RouteLocatorBuilder builder) {
    RouteLocatorBuilder.Builder routes = builder.routes();
    for (CatalystService service : CatalystService.values()) {
      healthRoute(routes, service);
      streamRoute(routes, service);
      apiRoute(routes, service);
    }
    identityLoginRoute(routes);
    gitRoute(routes);
    return routes.build();
  }

  /** {@code GET /api/v1/<short>/health}: the service's readiness, status only. */
  private static void healthRoute(RouteLocatorBuilder.Builder routes, CatalystService service) {
    routes.route(service.shortName() + "-health", r -> r.order(HEALTH_ORDER)
        .method(HttpMethod.GET).and().path(service.healthPath())
        .filters(f -> withBreaker(f.setPath("/actuator/health/readiness").removeRequestHeader(HttpHeaders.COOKIE),
            service))
        .metadata(SERVICE, service.serviceId())
        .uri(service.loadBalancedUri()));
  }

  /**
   * Event streams: a time limiter would cut them, so they go without a circuit breaker (a refused connection still
   * answers the 503 problem, through the error handler).
   */
  private static void streamRoute(RouteLocatorBuilder.Builder routes, CatalystService service) {
    routes.route(service.shortName() + "-stream", r -> r.order(STREAM_ORDER)
        .path(service.apiPrefix() + "/**").and().header(HttpHeaders.ACCEPT, STREAMING_ACCEPT)
        .filters(f -> f.removeRequestHeader(HttpHeaders.COOKIE).tokenRelay())
        .metadata(SERVICE, service.serviceId())
        .uri(service.loadBalancedUri()));
  }

  /** The service's API; identity-service also serves OIDC discovery, the JWKS and userinfo through it. */
  private static void apiRoute(RouteLocatorBuilder.Builder routes, CatalystService service) {
    String[] paths = service == CatalystService.IDENTITY
        ? new String[] {service.apiPrefix() + "/**", "/.well-known/**", "/userinfo"}
        : new String[] {service.apiPrefix() + "/**"};
    routes.route(service.shortName(), r -> r.path(paths)
        .filters(f -> withBreaker(f.removeRequestHeader(HttpHeaders.COOKIE).tokenRelay(), service))
        .metadata(SERVICE, service.serviceId())
        .uri(service.loadBalancedUri()));
  }

  /**
   * The authorization server's browser flow (login form, then {@code /oauth2/authorize}) runs in identity-service's
   * own session, so this is the one route that keeps the Cookie header, without the gateway's own cookies (the
   * console's session and its CSRF token are none of identity-service's business). The gateway's
   * {@code /oauth2/authorization/catalyst} and {@code /login/oauth2/code/catalyst} never get here: its security
   * filters answer them.
   */
  private static void identityLoginRoute(RouteLocatorBuilder.Builder routes) {
    CatalystService identity = CatalystService.IDENTITY;
    routes.route("identity-login", r -> r.path("/oauth2/**", "/login/**")
        .filters(f -> withBreaker(f.filter(GatewayCookies.STRIP), identity))
        .metadata(SERVICE, identity.serviceId())
        .uri(identity.loadBalancedUri()));
  }

  /**
   * Git smart HTTP: a push streams hundreds of megabytes, so no body caching (a circuit breaker fallback would turn
   * it on), no time limiter and no response timeout. The Git host authenticates; the security chain lets these
   * paths through untouched so that its 401 challenge reaches the git client.
   */
  private static void gitRoute(RouteLocatorBuilder.Builder routes) {
    CatalystService provisioning = CatalystService.PROVISIONING;
    routes.route("provisioning-git", r -> r.path("/git/**")
        .filters(f -> f.removeRequestHeader(HttpHeaders.COOKIE))
        .metadata(Map.of(SERVICE, provisioning.serviceId(), RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1))
        .uri(provisioning.loadBalancedUri()));
  }

  /**
   * The Resilience4j circuit breaker and time limiter of {@code service} (one breaker per service, shared by its
   * routes); a failed call or an open breaker is forwarded to the local {@link ServiceFallback}.
   */
  private static GatewayFilterSpec withBreaker(GatewayFilterSpec filters, CatalystService service) {
    return filters.circuitBreaker((SpringCloudCircuitBreakerFilterFactory.Config breaker) -> breaker
        .setName(service.serviceId())
        .setFallbackUri(ServiceFallback.forwardUri(service)));
  }
}
