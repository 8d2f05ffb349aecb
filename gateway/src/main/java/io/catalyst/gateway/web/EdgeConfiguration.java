package io.catalyst.gateway.web;

import io.catalyst.platform.core.SovereignSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Request hygiene at the edge: who the client is, how large a body and the headers may be. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

  @Bean
  ClientAddressResolver clientAddressResolver(GatewayProperties properties) {
    return new ClientAddressResolver(properties.trustedProxies());
  }

  @Bean
  RequestSizeLimitFilter requestSizeLimitFilter(GatewayProperties properties, ProblemWriter problems) {
    return new RequestSizeLimitFilter(properties.maxRequestSize().toBytes(), problems);
  }

  /** Requests Reactor Netty refuses before Spring sees them (too large headers, …) are answered with a problem too. */
  @Bean
  NettyServerCustomizer decodingFailuresAsProblems(JsonMapper json,
      @Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize,
      @Value("${server.netty.max-initial-line-length:4KB}") DataSize maxInitialLineLength) {
    return new DecodingFailureProblems(json, maxHeaderSize.toBytes(), (int) maxInitialLineLength.toBytes())::installOn;
  }

  /**
   * Requests Spring Security's firewall refuses (an encoded slash, backslash, percent or NUL in the path, a path that
   * climbs with {@code ..}) get a 400 problem that says what to fix, instead of an empty body.
   */
  @Bean
  ServerExchangeRejectedHandler rejectedRequestsAsProblems(ProblemWriter problems) {
    return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST,
        "The request's path contains characters that are not allowed in a path here (an encoded '/', '\\', '%', "
            + "'.' or a NUL character, or a '..' segment). Use plain names: Organizations, Environments and "
            + "Applications are lowercase letters, digits and '-'.");
  }

  @Bean
  ClientAddressHeadersFilter clientAddressHeadersFilter(ClientAddressResolver clientAddresses,
      SovereignSettings sovereign) {
    return new ClientAddressHeadersFilter(clientAddresses, sovereign.publicUrl());
  }
}
