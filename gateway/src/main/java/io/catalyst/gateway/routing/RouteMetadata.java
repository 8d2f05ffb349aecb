package io.catalyst.gateway.routing;

import java.util.Optional;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/** What the gateway's routes carry besides the SCG settings. */
public final class RouteMetadata {

  /** The discovery id of the service behind a route. */
  public static final String SERVICE = "catalyst.service";

  private RouteMetadata() {}

  /** The service the exchange was routed to, if it was routed at all. */
  public static Optional<String> serviceOf(ServerWebExchange exchange) {
    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    return Optional.ofNullable(route).map(r -> r.getMetadata().get(SERVICE)).map(Object::toString);
  }
}
