package io.catalyst.identity.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.identity.mail.MailSender;
import io.catalyst.identity.otp.DevInboxSmsSender;
import io.catalyst.identity.otp.SmsSender;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.web.problem.ProblemException;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;

/** Which provider a configuration gets, and that a Sovereign configuring none does not start. */
class MessagingConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withBean(SovereignSettings.class, () -> new SovereignSettings("omantel",
          URI.create("https://catalyst.omantel.example"), "apps.omantel.example", java.util.Currency.getInstance("OMR"),
          java.time.ZoneId.of("Asia/Muscat"), SovereignSettings.Style.sme))
      .withUserConfiguration(MessagingConfiguration.class);

  @Test
  void withoutTheDevInboxAndWithoutAProviderItRefusesToStart() {
    runner.run(context -> assertThat(context).hasFailed().getFailure()
        .hasRootCauseMessage("No mail provider is configured: set catalyst.identity.mail.provider to smtp (with"
            + " catalyst.identity.mail.host, from, …) or to none (this Sovereign sends no mail: email sign-up, email"
            + " verification and email invitations answer 503). See docs/identity.md, Mail and SMS."));
    runner.withPropertyValues("catalyst.identity.mail.provider=none").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessageStartingWith("No SMS provider is configured"));
  }

  @Test
  void theDevInboxIsChosenOnlyWhenEnabledOrNamedWithoutBeingThere() {
    runner.withBean(DevInboxSmsSender.class, () -> new DevInboxSmsSender(Clock.systemUTC())).run(context -> {
      context.getBean(SmsSender.class).send("+96891234567", "Your Catalyst code is 123456.");
      context.getBean(MailSender.class).send("a@example.com", "Subject", "Body");
      DevInboxSmsSender inbox = context.getBean(DevInboxSmsSender.class);
      assertThat(inbox.to("+96891234567")).hasSize(1);
      assertThat(inbox.to("a@example.com")).hasSize(1);
    });
    runner.withPropertyValues("catalyst.identity.mail.provider=dev-inbox", "catalyst.identity.sms.provider=none")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("catalyst.identity.dev-inbox.enabled=true"));
  }

  @Test
  void noneIsAnExplicitRefusalAnswered503() {
    runner.withPropertyValues("catalyst.identity.mail.provider=none", "catalyst.identity.sms.provider=none")
        .run(context -> {
          assertThatThrownBy(() -> context.getBean(SmsSender.class).send("+96891234567", "code"))
              .isInstanceOfSatisfying(ProblemException.class,
                  p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
          assertThatThrownBy(() -> context.getBean(MailSender.class).send("a@example.com", "s", "b"))
              .isInstanceOfSatisfying(ProblemException.class,
                  p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        });
  }

  @Test
  void aRealProviderWithoutItsAddressRefusesToStart() {
    runner.withPropertyValues("catalyst.identity.mail.provider=smtp", "catalyst.identity.sms.provider=none")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("catalyst.identity.mail.host is required"));
    runner.withPropertyValues("catalyst.identity.mail.provider=none", "catalyst.identity.sms.provider=smpp",
            "catalyst.identity.sms.smpp.host=smsc.example", "catalyst.identity.sms.smpp.system-id=catalyst",
            "catalyst.identity.sms.smpp.password=much-too-long")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("password of at most 8"));
  }
}
