package io.catalyst.identity.messaging;

import io.catalyst.identity.mail.MailSender;
import io.catalyst.identity.otp.DevInboxSmsSender;
import io.catalyst.identity.otp.SmsSender;
import io.catalyst.platform.core.SovereignSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the mail and SMS providers from {@code catalyst.identity.mail.provider} and
 * {@code catalyst.identity.sms.provider}. Unset, a provider is the dev inbox when the dev inbox is enabled (the local
 * stack) and otherwise identity-service refuses to start: a real Sovereign never falls back to a test double or to
 * silently dropping codes. {@code none} is the explicit choice of sending no such messages (logged at start; a send
 * answers 503).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailSettings.class, SmsSettings.class})
class MessagingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

  @Bean
  MailSender mailSender(MailSettings settings, ObjectProvider<DevInboxSmsSender> devInbox,
      SovereignSettings sovereign) {
    MailSettings.Provider provider = settings.provider() != null ? settings.provider()
        : devInbox.getIfAvailable() != null ? MailSettings.Provider.DEV_INBOX : null;
    if (provider == null) {
      throw new IllegalStateException("No mail provider is configured: set catalyst.identity.mail.provider to smtp"
          + " (with catalyst.identity.mail.host, from, …) or to none (this Sovereign sends no mail: email sign-up,"
          + " email verification and email invitations answer 503). See docs/identity.md, Mail and SMS.");
    }
    return switch (provider) {
      case DEV_INBOX -> {
        DevInboxSmsSender inbox = devInbox.getIfAvailable();
        if (inbox == null) {
          throw new IllegalStateException("catalyst.identity.mail.provider=dev-inbox needs"
              + " catalyst.identity.dev-inbox.enabled=true (the local stack only)");
        }
        yield inbox::send;
      }
      case SMTP -> {
        require(settings.host(), "catalyst.identity.mail.host");
        require(settings.from(), "catalyst.identity.mail.from");
        String fromName = settings.fromName() == null || settings.fromName().isBlank() ? sovereign.name()
            : settings.fromName();
        log.info("Mail goes through SMTP {}:{} from {} <{}> (STARTTLS {})", settings.host(), settings.port(),
            fromName, settings.from(), settings.starttls());
        yield new SmtpMailSender(settings, fromName);
      }
      case NONE -> {
        log.warn("catalyst.identity.mail.provider=none: this Sovereign sends no mail; email sign-up codes, email"
            + " verification links and email invitations are refused with 503");
        yield (email, subject, body) -> {
          throw Undelivered.notOffered("mail", "mail-server");
        };
      }
    };
  }

  @Bean
  SmsSender smsSender(SmsSettings settings, ObjectProvider<DevInboxSmsSender> devInbox) {
    SmsSettings.Provider provider = settings.provider() != null ? settings.provider()
        : devInbox.getIfAvailable() != null ? SmsSettings.Provider.DEV_INBOX : null;
    if (provider == null) {
      throw new IllegalStateException("No SMS provider is configured: set catalyst.identity.sms.provider to smpp"
          + " (catalyst.identity.sms.smpp.host, system-id, …), http (catalyst.identity.sms.http.url, …) or none (this"
          + " Sovereign sends no text messages: phone sign-up and phone invitations answer 503)."
          + " See docs/identity.md, Mail and SMS.");
    }
    return switch (provider) {
      case DEV_INBOX -> {
        DevInboxSmsSender inbox = devInbox.getIfAvailable();
        if (inbox == null) {
          throw new IllegalStateException("catalyst.identity.sms.provider=dev-inbox needs"
              + " catalyst.identity.dev-inbox.enabled=true (the local stack only)");
        }
        yield inbox::send;
      }
      case SMPP -> {
        require(settings.smpp().host(), "catalyst.identity.sms.smpp.host");
        require(settings.smpp().systemId(), "catalyst.identity.sms.smpp.system-id");
        // SMPP 3.4 C-octet strings: system_id at most 15 characters, password at most 8.
        if (settings.smpp().systemId().length() > 15
            || (settings.smpp().password() != null && settings.smpp().password().length() > 8)) {
          throw new IllegalStateException("SMPP 3.4 allows a system-id of at most 15 and a password of at most 8"
              + " characters (catalyst.identity.sms.smpp.*)");
        }
        SmppSmsSender smpp = new SmppSmsSender(settings.smpp(), settings.sender());
        smpp.start();
        log.info("Text messages go over SMPP to {}:{} as {}, sender {}", settings.smpp().host(),
            settings.smpp().port(), settings.smpp().systemId(), settings.sender());
        yield smpp;
      }
      case HTTP -> {
        require(settings.http().url(), "catalyst.identity.sms.http.url");
        log.info("Text messages go to the HTTP SMS API {}", settings.http().url());
        yield new HttpSmsSender(settings.http(), settings.sender());
      }
      case NONE -> {
        log.warn("catalyst.identity.sms.provider=none: this Sovereign sends no text messages; phone sign-up codes"
            + " and phone invitations are refused with 503");
        yield (phone, message) -> {
          throw Undelivered.notOffered("text message", "sms-gateway");
        };
      }
    };
  }

  private static void require(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(property + " is required for the chosen provider (docs/identity.md, Mail and SMS)");
    }
  }
}
