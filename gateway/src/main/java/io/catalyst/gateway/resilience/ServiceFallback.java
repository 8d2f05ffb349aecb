package io.catalyst.gateway.resilience;

import io.catalyst.gateway.routing.CatalystService;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker forwards a failed call: answers the 503 problem that names the service (rendered
 * by the gateway's exception handler). A client error that happened before the call (e.g. a body too large) keeps
 * its own status.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceFallback {

  static final String PATH = "/gateway/fallback/";

  /** The {@code fallbackUri} of {@code service}'s routes. */
  public static String forwardUri(CatalystService service) {
    return "forward:" + PATH + service.serviceId();
  }

  @Bean
  RouterFunction<ServerResponse> serviceFallbackRoute(ServiceFailures failures) {
    return RouterFunctions.route(RequestPredicates.path(PATH + "{service}"), request -> {
      String serviceId = request.pathVariable("service");
      if (CatalystService.byServiceId(serviceId).isEmpty()) {
        return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
      }
      Throwable cause = request.exchange().getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
      if (cause instanceof ResponseStatusException rse && rse.getStatusCode().is4xxClientError()) {
        return Mono.error(rse);
      }
      return Mono.error(failures.unavailable(serviceId, cause));
    });
  }
}
