package io.catalyst.gateway.web;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} to a backend is the address the gateway resolved
 * (see {@link ClientAddressResolver}), never a client's claim. Runs after SCG's own forwarded-header filters.
 */
class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

  private final ClientAddressResolver clientAddresses;

  ClientAddressHeadersFilter(ClientAddressResolver clientAddresses) {
    this.clientAddresses = clientAddresses;
  }

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    HttpHeaders headers = HttpHeaders.copyOf(input);
    headers.set(ClientAddressResolver.X_FORWARDED_FOR, clientAddresses.resolve(exchange.getRequest()));
    return headers;
  }

  @Override
  public boolean supports(Type type) {
    return type == Type.REQUEST;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
