package io.catalyst.identity.otp;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.mail.MailSender;
import io.catalyst.identity.web.RateLimiter;
import io.catalyst.identity.web.SlidingWindow;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
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
 * One-time codes to a phone (SMS) or an email address (mail, for an email sign-up): 6 digits, valid 5 minutes, 5
 * wrong attempts burn the code, a 30 s cooldown between sends, per-recipient and per-address send limits and a
 * per-address verification limit. A new code replaces the previous one; since sends are limited, so are guesses (5
 * codes an hour × 5 attempts). Nothing here depends on whether the recipient has an account: a code proves that the
 * caller holds the phone or the mailbox, and only then may a caller be told about its account.
 */
@Service
public class OtpService {

  private final JdbcClient jdbc;
  private final SmsSender sms;
  private final MailSender mail;
  private final RateLimiter limiter;
  private final Clock clock;
  private final OtpCodes codes;
  private final IdentityProperties.Otp policy;

  OtpService(JdbcClient jdbc, SmsSender sms, MailSender mail, RateLimiter limiter, Clock clock,
      IdentityProperties properties) {
    this.jdbc = jdbc;
    this.sms = sms;
    this.mail = mail;
    this.limiter = limiter;
    this.clock = clock;
    this.policy = properties.otp();
    this.codes = new OtpCodes(policy.pepper());
  }

  public record Sent(long expiresIn, long resendAfter) {}

  record Challenge(UUID id, byte[] codeHash, Instant createdAt, Instant expiresAt, int attempts, Instant consumedAt) {}

  /** Sends a new code to {@code phone} (already normalized) by SMS. */
  @Transactional
  public Sent send(String phone, String address) {
    return send(phone, "phone", address, (code, minutes) -> sms.send(phone, "Your Catalyst code is " + code
        + ". It expires in " + minutes + " minutes. Never share it."));
  }

  /**
   * Sends a new code to {@code email} (already normalized) by mail, for an email sign-up. The same mail goes to an
   * address that has an account: the answer must not differ, and its owner learns about the attempt.
   */
  @Transactional
  public Sent sendToEmail(String email, String address) {
    return send(email, "email", address, (code, minutes) -> mail.send(email, "Your Catalyst code",
        "Your Catalyst code is " + code + ". It expires in " + minutes + " minutes. Never share it.\n\n"
            + "Did not ask for it? Ignore this mail. If you have an account already, sign in instead."));
  }

  private interface Delivery {
    void deliver(String code, long minutes);
  }

  private Sent send(String recipient, String kind, String address, Delivery delivery) {
    String what = "codes requested for this " + (kind.equals("phone") ? "phone number" : "email");
    Instant now = clock.instant();
    Optional<Challenge> last = latest(recipient);
    if (last.isPresent()) {
      Instant allowed = last.get().createdAt().plus(policy.resendCooldown());
      if (allowed.isAfter(now)) {
        throw RateLimiter.tooMany(what, Duration.between(now, allowed));
      }
    }
    limiter.acquire("otp-send:ip:" + address, new SlidingWindow(policy.sendsPerIpPerHour(), Duration.ofHours(1)),
        "codes requested from your network");
    limiter.acquire("otp-send:" + kind + ":" + recipient,
        new SlidingWindow(policy.sendsPerPhonePerHour(), Duration.ofHours(1)), what);
    UUID id = UUID.randomUUID();
    String code = codes.generate();
    // The new code replaces any earlier one.
    jdbc.sql("update otp_challenge set consumed_at = :now where recipient = :to and consumed_at is null")
        .param("now", Timestamp.from(now)).param("to", recipient).update();
    jdbc.sql("""
        insert into otp_challenge (id, recipient, code_hash, created_at, expires_at, requester_ip)
        values (:id, :to, :hash, :now, :expires, :ip)""")
        .param("id", id).param("to", recipient).param("hash", codes.hash(id, code))
        .param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(policy.codeTtl())))
        .param("ip", address).update();
    delivery.deliver(code, policy.codeTtl().toMinutes());
    return new Sent(policy.codeTtl().toSeconds(), policy.resendCooldown().toSeconds());
  }

  /**
   * Checks {@code code} against the current code of {@code recipient} (a normalized phone or email) and consumes it
   * when right. A wrong code counts an attempt
   * that stays counted even though the request fails (call inside a transaction that does not roll back on
   * {@link ProblemException}, or on its own).
   */
  @Transactional(noRollbackFor = ProblemException.class)
  public void verify(String recipient, String code, String address) {
    limiter.acquire("otp-verify:ip:" + address,
        new SlidingWindow(policy.verificationsPerIpPer10Minutes(), Duration.ofMinutes(10)),
        "code verifications from your network");
    Instant now = clock.instant();
    Challenge challenge = lockCurrent(recipient).orElseThrow(() -> wrong("No code is waiting for this "
        + (recipient.startsWith("+") ? "phone number" : "email") + "; request one."));
    if (!now.isBefore(challenge.expiresAt())) {
      throw wrong("The code has expired; request a new one.");
    }
    if (challenge.attempts() >= policy.maxAttempts()) {
      throw wrong("Too many wrong attempts; request a new code.");
    }
    if (!codes.matches(challenge.id(), code, challenge.codeHash())) {
      int attempts = challenge.attempts() + 1;
      jdbc.sql("update otp_challenge set attempts = :a, consumed_at = :burnt where id = :id")
          .param("a", attempts)
          .param("burnt", attempts >= policy.maxAttempts() ? Timestamp.from(now) : null)
          .param("id", challenge.id()).update();
      int left = policy.maxAttempts() - attempts;
      throw wrong(left > 0 ? "The code is wrong; " + left + (left == 1 ? " attempt" : " attempts") + " left."
          : "The code is wrong and has been cancelled after too many attempts; request a new one.");
    }
    jdbc.sql("update otp_challenge set consumed_at = :now where id = :id")
        .param("now", Timestamp.from(now)).param("id", challenge.id()).update();
  }

  private Optional<Challenge> latest(String recipient) {
    return jdbc.sql("select * from otp_challenge where recipient = :to order by created_at desc limit 1")
        .param("to", recipient).query(this::challenge).optional();
  }

  private Optional<Challenge> lockCurrent(String recipient) {
    return jdbc.sql("""
        select * from otp_challenge where recipient = :to and consumed_at is null
        order by created_at desc limit 1 for update""")
        .param("to", recipient).query(this::challenge).optional();
  }

  private Challenge challenge(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    Timestamp consumed = rs.getTimestamp("consumed_at");
    return new Challenge(rs.getObject("id", UUID.class), rs.getBytes("code_hash"),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(), rs.getInt("attempts"),
        consumed == null ? null : consumed.toInstant());
  }

  private static ProblemException wrong(String message) {
    return ProblemException.invalid("The one-time code was not accepted: " + message,
        List.of(FieldProblem.field("code", message)));
  }
}
