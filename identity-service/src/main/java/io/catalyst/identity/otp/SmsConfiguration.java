package io.catalyst.identity.otp;

import io.catalyst.platform.core.SovereignSettings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dev inbox when enabled (the local stack). Which provider sends mail and text messages is chosen in
 * {@code messaging.MessagingConfiguration}: the dev inbox only when it is enabled and no real provider is set.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

  @Bean
  @ConditionalOnProperty(name = "catalyst.identity.dev-inbox.enabled", havingValue = "true")
  DevInboxSmsSender devInboxSmsSender(Clock clock, SovereignSettings sovereign) {
    String host = sovereign.publicUrl().getHost();
    if (host == null || !(host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1"))) {
      // The inbox shows every code it holds to anyone: never on a Sovereign reachable from elsewhere.
      throw new IllegalStateException("catalyst.identity.dev-inbox.enabled=true is only allowed on a local Sovereign"
          + " (public URL on localhost), not on " + sovereign.publicUrl());
    }
    log.warn("The dev inbox is enabled: unless a real provider is set, codes are readable at /api/v1/identity/dev/inbox");
    return new DevInboxSmsSender(clock);
  }
}
