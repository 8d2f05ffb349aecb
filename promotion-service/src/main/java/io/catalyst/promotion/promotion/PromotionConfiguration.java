package io.catalyst.promotion.promotion;

import io.catalyst.promotion.gate.PromotionGates;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PromotionConfiguration {

  @Bean
  PromotionGates promotionGates(Clock clock) {
    return new PromotionGates(clock);
  }
}
