package io.catalyst.identity.web;

import io.catalyst.platform.web.problem.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sliding-window limits kept in PostgreSQL so every replica counts the same hits. A hit is recorded in its own
 * transaction: an attempt counts even when the request that made it fails.
 */
@Component
public class RateLimiter {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public RateLimiter(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Records a hit on {@code bucket}, or answers 429 with Retry-After when the window is full.
   *
   * @param what what is limited, in the user's words ("codes for this phone number")
   */
  public void acquire(String bucket, SlidingWindow limit, String what) {
    Optional<Duration> wait = ownTransaction.execute(status -> {
      jdbc.sql("select pg_advisory_xact_lock(hashtext(:bucket))").param("bucket", bucket).query().singleRow();
      Instant now = clock.instant();
      Optional<Duration> retry = limit.retryAfter(hits(bucket, now.minus(limit.window())), now);
      if (retry.isEmpty()) {
        jdbc.sql("insert into rate_limit_hit (bucket, at) values (:bucket, :at)")
            .param("bucket", bucket).param("at", Timestamp.from(now)).update();
      }
      return retry;
    });
    if (wait != null && wait.isPresent()) {
      throw tooMany(what, wait.get());
    }
  }

  public static ProblemException tooMany(String what, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return ProblemException.tooManyRequests(
        "Too many " + what + ". Try again in " + seconds + " seconds.", Duration.ofSeconds(seconds));
  }

  private List<Instant> hits(String bucket, Instant from) {
    return jdbc.sql("select at from rate_limit_hit where bucket = :bucket and at > :from")
        .param("bucket", bucket).param("from", Timestamp.from(from))
        .query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
  }

  /** Hits older than a day are never counted again. */
  @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
  void forgetOldHits() {
    jdbc.sql("delete from rate_limit_hit where at < :before")
        .param("before", Timestamp.from(clock.instant().minus(Duration.ofDays(1)))).update();
  }
}
