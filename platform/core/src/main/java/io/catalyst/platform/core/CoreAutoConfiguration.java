package io.catalyst.platform.core;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The Sovereign settings and the one {@link Clock} every rule about time reads (tests move it, never sleep). */
@AutoConfiguration
@EnableConfigurationProperties(SovereignSettings.class)
public class CoreAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
