package io.catalyst.promotion.decision;

import io.catalyst.promotion.policy.PolicyIndex;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

  @Bean
  PushDecisions pushDecisions(PolicyIndex index, Clock clock) {
    return new PushDecisions(index, clock);
  }
}
