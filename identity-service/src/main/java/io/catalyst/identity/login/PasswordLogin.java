package io.catalyst.identity.login;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.token.Logins;
import io.catalyst.identity.token.OpaqueTokens;
import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import io.catalyst.identity.web.RateLimiter;
import io.catalyst.identity.web.SlidingWindow;
import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email + password verification, shared by the JSON login and the authorization server's login form: per-address
 * limit, per-account backoff and lockout, the same answer (and about the same time) for an unknown email as for a
 * wrong password. An email without an account is counted and locked like an account ({@code login_failure}), so the
 * lockout's 429 does not tell which emails have one either.
 */
@Service
public class PasswordLogin {

  private final Users users;
  private final PasswordEncoder passwords;
  private final RateLimiter limiter;
  private final Outbox outbox;
  private final Clock clock;
  private final LoginThrottle throttle;
  private final SlidingWindow perAddress;
  private final String dummyHash;
  private final JdbcClient jdbc;
  private final Logins logins;

  PasswordLogin(JdbcClient jdbc, Users users, PasswordEncoder passwords, RateLimiter limiter, Outbox outbox, Clock clock,
      Logins logins, IdentityProperties properties) {
    this.jdbc = jdbc;
    this.users = users;
    this.passwords = passwords;
    this.limiter = limiter;
    this.outbox = outbox;
    this.logins = logins;
    this.clock = clock;
    this.throttle = new LoginThrottle(properties.login().failuresBeforeLockout(), properties.login().lockout());
    this.perAddress = new SlidingWindow(properties.login().attemptsPerIpPer10Minutes(), Duration.ofMinutes(10));
    this.dummyHash = passwords.encode("not-a-real-password-" + UUID.randomUUID());
  }

  /** The user's id when the password is right; 401 otherwise, 429 while locked or when the address is over its limit. */
  @Transactional(noRollbackFor = ProblemException.class)
  public UUID verify(String rawEmail, String password, String address) {
    limiter.acquire("login:ip:" + address, perAddress, "sign-in attempts from your network");
    Optional<UserAccount> found = ContactNormalizer.email(rawEmail).flatMap(users::byEmail)
        .flatMap(u -> users.lockById(u.id()));
    Instant now = clock.instant();
    if (found.isEmpty() || found.get().passwordHash() == null) {
      ContactNormalizer.email(rawEmail).ifPresent(email -> failWithoutAccount(email, now));
      passwords.matches(password == null ? "" : password, dummyHash); // same cost as a real check
      throw badCredentials();
    }
    UserAccount user = found.get();
    Optional<Duration> locked = throttle.lockedFor(user.lockedUntil(), now);
    if (locked.isPresent()) {
      throw RateLimiter.tooMany("failed sign-ins for this account; it is locked for now", locked.get());
    }
    if (password == null || !passwords.matches(password, user.passwordHash())) {
      LoginThrottle.Failure failure = throttle.fail(user.failedLogins(), now);
      users.recordLoginFailure(user.id(), failure.failures(), failure.lockedUntil());
      logins.failed(user.id(), Logins.PASSWORD, "wrong-password", failure.failures());
      if (failure.locks()) {
        String org = users.membership(user.id()).map(Membership::organization).orElse(null);
        outbox.publish(CatalystEvent.of(IdentityEvents.LOGIN_FAILURES_REPEATED, "users/" + user.id(), org,
            new IdentityEvents.LoginFailuresRepeated(user.id().toString(), failure.failures(), failure.lockedUntil())));
      }
      throw badCredentials();
    }
    users.clearLoginFailures(user.id());
    return user.id();
  }

  /**
   * An email without an account (or without a password) fails like an account would: locked after the same number of
   * failures, for the same time, with the same 429. Called before the dummy password check, as an account's lock is
   * checked before its password.
   */
  private void failWithoutAccount(String email, Instant now) {
    byte[] key = OpaqueTokens.hash(email);
    jdbc.sql("""
        insert into login_failure (email_hash, failed_logins, updated_at) values (:key, 0, :now)
        on conflict do nothing""").param("key", key).param("now", Timestamp.from(now)).update();
    Failures row = jdbc.sql("select failed_logins, locked_until from login_failure where email_hash = :key for update")
        .param("key", key).query((rs, i) -> new Failures(rs.getInt(1), rs.getTimestamp(2) == null ? null
            : rs.getTimestamp(2).toInstant())).single();
    Optional<Duration> locked = throttle.lockedFor(row.lockedUntil(), now);
    if (locked.isPresent()) {
      throw RateLimiter.tooMany("failed sign-ins for this account; it is locked for now", locked.get());
    }
    LoginThrottle.Failure failure = throttle.fail(row.failures(), now);
    jdbc.sql("update login_failure set failed_logins = :f, locked_until = :until, updated_at = :now"
            + " where email_hash = :key")
        .param("f", failure.failures())
        .param("until", failure.lockedUntil() == null ? null : Timestamp.from(failure.lockedUntil()))
        .param("now", Timestamp.from(now)).param("key", key).update();
  }

  /** A {@code login_failure} row: consecutive failures of an email without an account, and its lock. */
  private record Failures(int failures, Instant lockedUntil) {}

  static ProblemException badCredentials() {
    return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
        "The email or password is wrong. Check them, or sign in with a code sent to your phone.");
  }
}
