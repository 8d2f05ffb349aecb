package io.catalyst.gateway.web;

import io.catalyst.platform.core.SovereignSettings;
import org.springframework.beans.factory.annotation.Value;
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

  @Bean
  ClientAddressHeadersFilter clientAddressHeadersFilter(ClientAddressResolver clientAddresses,
      SovereignSettings sovereign) {
    return new ClientAddressHeadersFilter(clientAddresses, sovereign.publicUrl());
  }
}
