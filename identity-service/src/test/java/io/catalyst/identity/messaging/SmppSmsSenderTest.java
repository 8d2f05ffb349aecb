package io.catalyst.identity.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.identity.support.Smsc;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The SMPP adapter against jSMPP's SMSC server in the same JVM (a real SMPP 3.4 peer, {@link Smsc}). */
class SmppSmsSenderTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private Smsc smsc;
  private SmppSmsSender sender;

  @BeforeEach
  void smsc() throws Exception {
    smsc = new Smsc(Smsc.freePort(), "catalyst", "s3cr3t").start();
  }

  @AfterEach
  void close() throws Exception {
    if (sender != null) {
      sender.close();
    }
    smsc.close();
  }

  private SmppSmsSender sender(String password, SmsSettings.Smpp.DataCoding coding) {
    sender = new SmppSmsSender(new SmsSettings.Smpp("127.0.0.1", smsc.port(), "catalyst", password, "", coding,
        Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofMillis(200)), "Omantel");
    return sender;
  }

  @Test
  void aCodeArrivesAsASubmitToTheInternationalNumberFromTheSenderId() throws Exception {
    sender("s3cr3t", SmsSettings.Smpp.DataCoding.AUTO)
        .send("+96891234567", "Your Catalyst code is 123456. It expires in 5 minutes. Never share it.");

    Smsc.Received sms = smsc.next(WAIT);
    assertThat(sms).isNotNull();
    assertThat(sms.destination()).isEqualTo("96891234567");
    assertThat(sms.destinationTon()).isEqualTo((byte) 1); // international
    assertThat(sms.source()).isEqualTo("Omantel");
    assertThat(sms.dataCoding()).isEqualTo((byte) 1); // IA5 (ASCII)
    assertThat(sms.text()).isEqualTo("Your Catalyst code is 123456. It expires in 5 minutes. Never share it.");
  }

  @Test
  void aLongOrNonLatinTextGoesAsUcs2InTheMessagePayload() throws Exception {
    String text = "You are invited to join صيدلية مسقط on omantel as org-admin. Accept within 7 days: "
        + "https://catalyst.omantel.example/invitations/cat_inv_" + "x".repeat(43);
    sender("s3cr3t", SmsSettings.Smpp.DataCoding.AUTO).send("+96891234568", text);

    Smsc.Received sms = smsc.next(WAIT);
    assertThat(sms).isNotNull();
    assertThat(sms.dataCoding()).isEqualTo((byte) 8);
    assertThat(sms.text()).isEqualTo(text);
  }

  @Test
  void theSmscRestartingBetweenTwoSendsIsSurvivedAndWhileItIsDownTheUserIsToldToRetry() throws Exception {
    SmppSmsSender s = sender("s3cr3t", SmsSettings.Smpp.DataCoding.AUTO);
    s.send("+96891234567", "Your Catalyst code is 111111.");
    assertThat(smsc.next(WAIT).text()).contains("111111");

    smsc.stop();
    assertThatThrownBy(() -> s.send("+96891234567", "Your Catalyst code is 222222."))
        .isInstanceOfSatisfying(ProblemException.class, p -> {
          assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
          assertThat(p.retryAfterOrNull()).isNotNull();
        });

    smsc.start();
    s.send("+96891234567", "Your Catalyst code is 333333.");
    Smsc.Received after = smsc.next(WAIT);
    assertThat(after).isNotNull();
    assertThat(after.text()).contains("333333");
    assertThat(smsc.next(Duration.ofMillis(300))).as("the refused code was never sent").isNull();
  }

  @Test
  void aRefusedBindIsA503NotASilentLoss() {
    SmppSmsSender s = sender("wrongpw", SmsSettings.Smpp.DataCoding.AUTO);
    assertThatThrownBy(() -> s.send("+96891234567", "Your Catalyst code is 123456."))
        .isInstanceOfSatisfying(ProblemException.class,
            p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
  }
}
