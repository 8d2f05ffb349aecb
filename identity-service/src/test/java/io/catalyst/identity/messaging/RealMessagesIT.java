package io.catalyst.identity.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.catalyst.identity.support.IdentityIntegrationTest;
import io.catalyst.identity.support.Smsc;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * A Sovereign with real providers: mail over SMTP to GreenMail and SMS over SMPP to jSMPP's SMSC, both in this JVM
 * (the real protocol peers of the boundaries we do not own), the dev inbox off. The flows run through identity's
 * API and the tests read what the servers received. Its own Spring context (other providers than the module's
 * shared one) and its own database: its clock starts afresh, so the module's shared database — whose signing keys
 * other tests rotated under an advanced clock — would have no key that signs at this context's time.
 */
@io.catalyst.platform.testkit.EmbeddedInfrastructure(database = "identity_messages")
class RealMessagesIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final Duration WAIT = Duration.ofSeconds(15);
  static final GreenMail SMTP;
  static final Smsc SMSC;

  static {
    SMTP = new GreenMail(new ServerSetup(Smsc.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    SMTP.setUser("catalyst@omantel.example", "catalyst", "mail-pass");
    SMTP.start();
    try {
      SMSC = new Smsc(Smsc.freePort(), "catalyst", "s3cr3t").start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    registry.add("catalyst.identity.dev-inbox.enabled", () -> "false");
    registry.add("catalyst.identity.mail.provider", () -> "smtp");
    registry.add("catalyst.identity.mail.host", () -> "127.0.0.1");
    registry.add("catalyst.identity.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("catalyst.identity.mail.username", () -> "catalyst");
    registry.add("catalyst.identity.mail.password", () -> "mail-pass");
    registry.add("catalyst.identity.mail.starttls", () -> "off");
    registry.add("catalyst.identity.mail.from", () -> "no-reply@omantel.example");
    registry.add("catalyst.identity.mail.from-name", () -> "Omantel Business");
    registry.add("catalyst.identity.sms.provider", () -> "smpp");
    registry.add("catalyst.identity.sms.sender", () -> "Omantel");
    registry.add("catalyst.identity.sms.smpp.host", () -> "127.0.0.1");
    registry.add("catalyst.identity.sms.smpp.port", SMSC::port);
    registry.add("catalyst.identity.sms.smpp.system-id", () -> "catalyst");
    registry.add("catalyst.identity.sms.smpp.password", () -> "s3cr3t");
    registry.add("catalyst.identity.sms.smpp.reconnect-after", () -> "200ms");
  }

  /** Codes come from what GreenMail or the SMSC received, not from a dev inbox. */
  @Override
  protected String latestCode(String recipient) throws Exception {
    String text = recipient.contains("@") ? GreenMailUtil.getBody(mailTo(recipient, "Your Catalyst code"))
        : smsTo(recipient).text();
    Matcher code = Pattern.compile("code is (\\d{6})").matcher(text);
    assertThat(code.find()).as(text).isTrue();
    return code.group(1);
  }

  @Test
  void anEmailSignUpCodeArrivesAsAPlainTextMailFromTheSovereign() throws Exception {
    String slug = uniqueSlug("mail");
    String email = slug + "@example.com";
    JsonNode tokens = signUpByEmail(email, PASSWORD, slug);
    assertThat(claims(tokens.get("accessToken").asString())).containsEntry("email_verified", true);

    MimeMessage mail = mailTo(email, "Your Catalyst code");
    InternetAddress from = (InternetAddress) mail.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("no-reply@omantel.example");
    assertThat(from.getPersonal()).isEqualTo("Omantel Business");
    assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly(email);
    assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(GreenMailUtil.getBody(mail)).matches("(?s)Your Catalyst code is \\d{6}\\. It expires in 5 minutes.*");
  }

  @Test
  void anInvitationAndAnEmailVerificationLinkArriveAsMails() throws Exception {
    String org = uniqueSlug("invite");
    String admin = signUpByEmail(org + "@example.com", PASSWORD, org).get("accessToken").asString();
    String invitee = "dev-" + org + "@example.com";
    String token = invite(org, admin, Map.of("email", invitee, "role", "org-viewer")).get("token").asString();

    MimeMessage invitation = mailTo(invitee, "Invitation to ");
    assertThat(GreenMailUtil.getBody(invitation)).contains("as org-viewer").contains("/invitations/" + token);

    // An unproven email (e.g. from before email codes) asks for a verification link.
    String userId = jdbc.sql("select id::text from app_user where email = :e").param("e", org + "@example.com")
        .query(String.class).single();
    jdbc.sql("update app_user set email_verified = false where id = :u::uuid").param("u", userId).update();
    String unproven = loginByPassword(org + "@example.com", PASSWORD).get("accessToken").asString();
    assertThat(status(bearer(from(post("/api/v1/identity/email-verification/resend")), unproven))).isEqualTo(202);
    String link = GreenMailUtil.getBody(mailTo(org + "@example.com", "Confirm your email"));
    Matcher verification = Pattern.compile("verify-email\\?token=(cat_ver_[A-Za-z0-9_-]+)").matcher(link);
    assertThat(verification.find()).as(link).isTrue();
    MvcResult verified = mvc.perform(postJson("/api/v1/identity/email-verification",
        Map.of("token", verification.group(1)))).andReturn();
    assertThat(verified.getResponse().getStatus()).as(verified.getResponse().getContentAsString()).isEqualTo(200);
  }

  @Test
  void aPhoneSignUpCodeArrivesOverSmppAtTheRightNumber() throws Exception {
    String phone = newPhone();
    String slug = uniqueSlug("sms");
    JsonNode tokens = signUpByPhone(phone, "Muscat Pharmacy", slug);
    assertThat(tokens.get("organization").asString()).isEqualTo(slug);
  }

  @Test
  void theSmscRestartingBetweenTwoSendsLosesNoCode() throws Exception {
    String first = newPhone();
    assertThat(sendCode(first)).hasSize(6);

    SMSC.stop();
    String second = newPhone();
    MvcResult down = mvc.perform(postJson("/api/v1/identity/otp", Map.of("phone", second))).andReturn();
    assertThat(down.getResponse().getStatus()).as(down.getResponse().getContentAsString()).isEqualTo(503);
    assertThat(down.getResponse().getContentType()).startsWith("application/problem+json");
    assertThat(down.getResponse().getHeader("Retry-After")).isNotNull();
    assertThat(body(down).get("detail").asString()).contains("try again");
    assertThat(jdbc.sql("select count(*) from otp_challenge where recipient = :p").param("p", second)
        .query(Long.class).single()).as("no code is kept that was never sent").isZero();

    SMSC.start();
    JsonNode tokens = signUpByPhone(second, "Sohar Bakery", uniqueSlug("restart"));
    assertThat(tokens.get("accessToken").asString()).isNotBlank();
  }

  /** The SMS to {@code phone} as the SMSC received it: destination without the +, international, from the sender id. */
  private static Smsc.Received smsTo(String phone) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Smsc.Received sms = SMSC.next(Duration.ofMillis(200));
      if (sms != null && sms.destination().equals(phone.substring(1))) {
        assertThat(sms.destinationTon()).isEqualTo((byte) 1);
        assertThat(sms.source()).isEqualTo("Omantel");
        assertThat(sms.text()).startsWith("Your Catalyst code is ");
        return sms;
      }
    }
    throw new AssertionError("no SMS to " + phone + " reached the SMSC");
  }

  /** The newest mail to {@code email} whose subject starts with {@code subject}, waiting for it. */
  private static MimeMessage mailTo(String email, String subject) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<MimeMessage> matching = new ArrayList<>();
      for (MimeMessage m : SMTP.getReceivedMessages()) {
        if (addresses(m.getRecipients(Message.RecipientType.TO)).contains(email)
            && m.getSubject().startsWith(subject)) {
          matching.add(m);
        }
      }
      if (!matching.isEmpty()) {
        return matching.getLast();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no mail \"" + subject + "…\" to " + email + " reached the SMTP server");
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of()
        : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
  }
}
