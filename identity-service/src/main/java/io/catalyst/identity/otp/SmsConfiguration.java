package io.catalyst.identity.otp;

import io.catalyst.identity.mail.MailSender;
import io.catalyst.platform.core.SovereignSettings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dev inbox when enabled; otherwise, without a real provider, codes cannot be delivered and the log says so. */
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
    log.warn("The dev inbox stands in for the SMS gateway: codes are readable at /api/v1/identity/dev/inbox");
    return new DevInboxSmsSender(clock);
  }

  @Bean
  @ConditionalOnMissingBean(SmsSender.class)
  SmsSender undeliverableSms() {
    return (phone, message) -> {
      throw new IllegalStateException("No SMS gateway is configured for this Sovereign");
    };
  }

  @Bean
  @ConditionalOnMissingBean(MailSender.class)
  MailSender undeliverableMail() {
    return (email, subject, body) -> {
      throw new IllegalStateException("No mail provider is configured for this Sovereign");
    };
  }
}
