package io.catalyst.identity.messaging;

import io.catalyst.identity.mail.MailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Mail over SMTP (Spring Mail): a plain-text UTF-8 message from the Sovereign's name and address. A server that
 * cannot be reached or refuses the message answers 503 to the user (nothing was sent).
 */
class SmtpMailSender implements MailSender {

  private static final Logger log = LoggerFactory.getLogger(SmtpMailSender.class);

  private final JavaMailSenderImpl smtp;
  private final String from;
  private final String fromName;

  SmtpMailSender(MailSettings settings, String fromName) {
    this.from = settings.from();
    this.fromName = fromName;
    this.smtp = new JavaMailSenderImpl();
    smtp.setHost(settings.host());
    smtp.setPort(settings.port());
    smtp.setDefaultEncoding("UTF-8");
    boolean auth = settings.username() != null && !settings.username().isBlank();
    if (auth) {
      smtp.setUsername(settings.username());
      smtp.setPassword(settings.password());
    }
    String protocol = settings.ssl() ? "smtps" : "smtp";
    smtp.setProtocol(protocol);
    Properties p = smtp.getJavaMailProperties();
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "auth", String.valueOf(auth));
    p.put(prefix + "starttls.enable", String.valueOf(settings.starttls() != MailSettings.Starttls.OFF));
    p.put(prefix + "starttls.required", String.valueOf(settings.starttls() == MailSettings.Starttls.REQUIRED));
    long millis = settings.timeout().toMillis();
    p.put(prefix + "connectiontimeout", String.valueOf(millis));
    p.put(prefix + "timeout", String.valueOf(millis));
    p.put(prefix + "writetimeout", String.valueOf(millis));
  }

  @Override
  public void send(String email, String subject, String body) {
    try {
      MimeMessage message = smtp.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(from, fromName);
      helper.setTo(email);
      helper.setSubject(subject);
      helper.setText(body, false);
      smtp.send(message);
    } catch (MailException | MessagingException | UnsupportedEncodingException e) {
      // The recipient stays out of the log (personal data); the cause says what the server did.
      log.error("Mail not sent through {}:{}: {}", smtp.getHost(), smtp.getPort(), e.toString());
      throw Undelivered.problem("mail", "mail-server", Duration.ofSeconds(30));
    }
  }
}
