package io.catalyst.gateway.web;

import java.net.URI;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is and where it found them: {@code X-Forwarded-For} to a backend is the address
 * the gateway resolved (see {@link ClientAddressResolver}), never a client's claim; {@code X-Forwarded-Proto/Host/Port}
 * are the Sovereign's public URL, so that a service building an absolute URL (identity-service's login redirects,
 * its OIDC discovery) names the gateway, never its own address. A client's {@code Forwarded} header is dropped.
 * Runs after SCG's own forwarded-header filters.
 */
class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

  private final ClientAddressResolver clientAddresses;
  private final String proto;
  private final String host;
  private final String port;

  ClientAddressHeadersFilter(ClientAddressResolver clientAddresses, URI publicUrl) {
    this.clientAddresses = clientAddresses;
    this.proto = publicUrl.getScheme();
    int explicitPort = publicUrl.getPort();
    this.host = explicitPort == -1 ? publicUrl.getHost() : publicUrl.getHost() + ":" + explicitPort;
    this.port = Integer.toString(explicitPort != -1 ? explicitPort : "https".equalsIgnoreCase(proto) ? 443 : 80);
  }

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    HttpHeaders headers = HttpHeaders.copyOf(input);
    headers.set(ClientAddressResolver.X_FORWARDED_FOR, clientAddresses.resolve(exchange.getRequest()));
    headers.set("X-Forwarded-Proto", proto);
    headers.set("X-Forwarded-Host", host);
    headers.set("X-Forwarded-Port", port);
    headers.remove("X-Forwarded-Prefix");
    headers.remove("Forwarded");
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
