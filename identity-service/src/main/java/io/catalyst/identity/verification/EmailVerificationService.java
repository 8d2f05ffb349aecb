package io.catalyst.identity.verification;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.mail.MailSender;
import io.catalyst.identity.token.OpaqueTokens;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proving an email address: a {@code cat_ver_} token (32 random bytes, only its SHA-256 stored, 24 hours, used once)
 * is mailed through the {@link MailSender} port on request, for an email that is not proven yet (an email sign-up
 * proves it with its code already: older accounts, the demo sovereign-admin); presenting it marks the user's
 * email verified ({@code email_verified} in the next access token) and publishes {@code email.verified.v1}.
 */
@Service
public class EmailVerificationService {

  public static final String PREFIX = "cat_ver_";

  private final JdbcClient jdbc;
  private final Users users;
  private final MailSender mail;
  private final Outbox outbox;
  private final Clock clock;
  private final SovereignSettings sovereign;
  private final IdentityProperties.EmailVerification settings;

  EmailVerificationService(JdbcClient jdbc, Users users, MailSender mail, Outbox outbox, Clock clock,
      SovereignSettings sovereign, IdentityProperties properties) {
    this.jdbc = jdbc;
    this.users = users;
    this.mail = mail;
    this.outbox = outbox;
    this.clock = clock;
    this.sovereign = sovereign;
    this.settings = properties.emailVerification();
  }

  public record Sent(long expiresIn, long resendAfter) {}

  public record Verified(String userId, String email, boolean emailVerified) {}

  /** Another link for the signed-in user: 409 without an email or when verified, 429 within the limits. */
  @Transactional(noRollbackFor = ProblemException.class)
  public Sent resend(Caller caller) {
    UUID userId = person(caller);
    UserAccount user = users.lockById(userId)
        .orElseThrow(() -> ProblemException.forbidden("Only a signed-in person can verify an email address."));
    if (user.email() == null) {
      throw ProblemException.conflict("Your account has no email address to verify.");
    }
    if (user.emailVerified()) {
      throw ProblemException.conflict("Your email address is verified already.");
    }
    Instant now = clock.instant();
    List<Instant> recent = jdbc.sql("""
        select created_at from email_verification where user_id = :user and created_at > :since
         order by created_at desc""").param("user", userId)
        .param("since", Timestamp.from(now.minus(Duration.ofHours(1))))
        .query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
    if (!recent.isEmpty() && recent.getFirst().plus(settings.resendCooldown()).isAfter(now)) {
      throw tooMany(Duration.between(now, recent.getFirst().plus(settings.resendCooldown())));
    }
    if (recent.size() >= settings.sendsPerHour()) {
      throw tooMany(Duration.between(now, recent.getLast().plus(Duration.ofHours(1))));
    }
    send(user);
    return new Sent(settings.ttl().toSeconds(), settings.resendCooldown().toSeconds());
  }

  /** Marks the email of the token's user verified: unknown 404, used or expired 410. */
  @Transactional(noRollbackFor = ProblemException.class)
  public Verified verify(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
      throw ProblemException.invalid("Give the verification token from the mail.",
          List.of(FieldProblem.field("token", "must be the cat_ver_… token of the verification mail")));
    }
    Row row = jdbc.sql("""
        select id, user_id, email, expires_at, used_at from email_verification where token_hash = :hash for update""")
        .param("hash", OpaqueTokens.hash(token))
        .query((rs, i) -> new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
            rs.getString("email"), rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant()))
        .optional().orElseThrow(() -> ProblemException.notFound("This verification link"));
    Instant now = clock.instant();
    if (row.usedAt() != null) {
      throw ProblemException.gone("This verification link was already used.");
    }
    if (!now.isBefore(row.expiresAt())) {
      throw ProblemException.gone("This verification link has expired; sign in and ask for a new one.");
    }
    UserAccount user = users.lockById(row.userId()).orElseThrow(() -> ProblemException.notFound("This account"));
    if (!row.email().equals(user.email())) {
      throw ProblemException.gone("This verification link was sent to an address the account no longer has.");
    }
    // Used once; the user's other outstanding links end with it.
    jdbc.sql("update email_verification set used_at = :now where user_id = :user and used_at is null")
        .param("now", Timestamp.from(now)).param("user", user.id()).update();
    if (users.markEmailVerified(user.id())) {
      String org = users.membership(user.id()).map(Membership::organization).orElse(null);
      outbox.publish(CatalystEvent.of(IdentityEvents.EMAIL_VERIFIED, "users/" + user.id(), org,
          new IdentityEvents.EmailVerified(user.id().toString(), org)).by(user.id().toString()));
    }
    return new Verified(user.id().toString(), user.email(), true);
  }

  private record Row(UUID id, UUID userId, String email, Instant expiresAt, Instant usedAt) {}

  private void send(UserAccount user) {
    String token = OpaqueTokens.generate(PREFIX);
    Instant now = clock.instant();
    jdbc.sql("""
        insert into email_verification (id, user_id, email, token_hash, created_at, expires_at)
        values (:id, :user, :email, :hash, :now, :expires)""")
        .param("id", UUID.randomUUID()).param("user", user.id()).param("email", user.email())
        .param("hash", OpaqueTokens.hash(token)).param("now", Timestamp.from(now))
        .param("expires", Timestamp.from(now.plus(settings.ttl()))).update();
    String link = sovereign.issuer() + "/verify-email?token=" + token;
    mail.send(user.email(), "Confirm your email for Catalyst",
        "Confirm that this is your email address: " + link + "\n\nThe link is valid for "
            + settings.ttl().toHours() + " hours and works once. Verification token: " + token
            + "\n\nIf you did not sign up, ignore this mail.");
  }

  private static UUID person(Caller caller) {
    try {
      return UUID.fromString(Optional.ofNullable(caller.subject()).orElse(""));
    } catch (IllegalArgumentException e) {
      throw ProblemException.forbidden("Only a signed-in person can verify an email address.");
    }
  }

  private static ProblemException tooMany(Duration wait) {
    return io.catalyst.identity.web.RateLimiter.tooMany("verification mails", wait);
  }
}
