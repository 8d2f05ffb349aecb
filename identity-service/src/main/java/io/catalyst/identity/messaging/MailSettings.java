package io.catalyst.identity.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.identity.mail.*}: how identity-service sends mail (one-time codes, email verification links,
 * invitations). The password comes from the environment ({@code CATALYST_IDENTITY_MAIL_PASSWORD}, a Secret on
 * Kubernetes), never from a file in the repository or a ConfigMap.
 *
 * @param provider  {@code smtp}, {@code none} (no mail: sending answers 503) or {@code dev-inbox} (the local stack's
 *                  test double); unset means the dev inbox when it is enabled and a start-up failure otherwise
 * @param host      the SMTP server
 * @param port      its port (587 submission with STARTTLS; 465 with {@code ssl})
 * @param username  the SMTP login (empty: no authentication)
 * @param password  its password, from the environment
 * @param from      the sender address, e.g. {@code no-reply@omantel.example}
 * @param fromName  the sender's display name; empty: the Sovereign's name
 * @param starttls  {@code required} (refuse a server without STARTTLS), {@code optional} or {@code off}
 * @param ssl       implicit TLS from the first byte (SMTPS, port 465)
 * @param timeout   connect, read and write timeout towards the server
 */
@ConfigurationProperties("catalyst.identity.mail")
public record MailSettings(
    Provider provider,
    String host,
    @DefaultValue("587") int port,
    String username,
    String password,
    String from,
    String fromName,
    @DefaultValue("required") Starttls starttls,
    @DefaultValue("false") boolean ssl,
    @DefaultValue("10s") Duration timeout) {

  public enum Provider { DEV_INBOX, SMTP, NONE }

  public enum Starttls { REQUIRED, OPTIONAL, OFF }
}
