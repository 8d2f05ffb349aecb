package io.catalyst.gateway.web;

import io.catalyst.platform.core.SovereignSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Request hygiene at the edge: who the client is, how large a body may be. */
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

  @Bean
  ClientAddressHeadersFilter clientAddressHeadersFilter(ClientAddressResolver clientAddresses,
      SovereignSettings sovereign) {
    return new ClientAddressHeadersFilter(clientAddresses, sovereign.publicUrl());
  }
}
