package io.catalyst.promotion.policy;

import io.catalyst.platform.core.SovereignSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parser (defaulting to the Sovereign's timezone) and the one in-memory index of policies. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

  @Bean
  PolicyParser policyParser(SovereignSettings sovereign) {
    return new PolicyParser(sovereign.timezone());
  }

  @Bean
  PolicyIndex policyIndex(PolicyParser parser) {
    return new PolicyIndex(parser);
  }
}
