package io.catalyst.promotion.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * A change window: a 5-field cron (minute hour day-of-month month day-of-week, e.g. {@code 0 14 * * 2,4}) opening a
 * window of {@code duration}, read in an IANA {@code zone}. A window is half-open, [opening, opening + duration).
 *
 * <p>Occurrences are computed on the zone's local time by Spring's {@link CronExpression} (seconds fixed to 0), so
 * "14:00 Europe/Berlin" is 13:00Z in winter and 12:00Z in summer. An opening that falls in a spring-forward gap
 * (02:30 on the night the clocks jump from 02:00 to 03:00) does not happen that day, as Spring computes it; a window's
 * duration is elapsed time, so a window open across a change closes {@code duration} after it opened.
 */
public final class CronSchedule {

  private final String cron;
  private final CronExpression expression;
  private final Duration duration;
  private final ZoneId zone;

  private CronSchedule(String cron, CronExpression expression, Duration duration, ZoneId zone) {
    this.cron = cron;
    this.expression = expression;
    this.duration = duration;
    this.zone = zone;
  }

  /** What is wrong with {@code cron} as a 5-field expression; empty when nothing. */
  public static Optional<String> problem(String cron) {
    if (cron == null || cron.isBlank()) {
      return Optional.of("must not be empty");
    }
    String[] fields = cron.trim().split("\\s+");
    if (fields.length != 5) {
      return Optional.of("must have 5 fields (minute hour day-of-month month day-of-week, e.g. \"0 14 * * 2,4\"),"
          + " not " + fields.length);
    }
    try {
      CronExpression.parse("0 " + String.join(" ", fields));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("is not a valid cron expression (minute hour day-of-month month day-of-week, e.g."
          + " \"0 14 * * 2,4\" for Tuesday and Thursday at 14:00)");
    }
  }

  public static CronSchedule of(String cron, Duration duration, ZoneId zone) {
    problem(cron).ifPresent(p -> {
      throw new IllegalArgumentException("cron " + p);
    });
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("A window lasts longer than zero: " + duration);
    }
    String normal = String.join(" ", cron.trim().split("\\s+"));
    return new CronSchedule(normal, CronExpression.parse("0 " + normal), duration, zone);
  }

  public String cron() {
    return cron;
  }

  public Duration duration() {
    return duration;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first opening strictly after {@code at}; empty if the expression never fires again. */
  public Optional<Instant> nextOpening(Instant at) {
    ZonedDateTime next = expression.next(at.atZone(zone));
    return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
  }

  /** When the window {@code at} is in closes, or empty when {@code at} is outside every window. */
  public Optional<Instant> openUntil(Instant at) {
    // An opening o covers at when o <= at < o + duration: the first opening after at - duration, if it is <= at.
    Optional<Instant> opening = nextOpening(at.minus(duration).minusNanos(1));
    if (opening.isEmpty() || opening.get().isAfter(at)) {
      return Optional.empty();
    }
    Instant end = opening.get().plus(duration);
    // Overlapping windows (an opening before the end) extend it.
    for (int i = 0; i < 1000; i++) {
      Optional<Instant> next = nextOpening(opening.get());
      if (next.isEmpty() || !next.get().isBefore(end)) {
        break;
      }
      opening = next;
      end = end.isAfter(next.get().plus(duration)) ? end : next.get().plus(duration);
    }
    return end.isAfter(at) ? Optional.of(end) : Optional.empty();
  }

  public boolean isOpen(Instant at) {
    return openUntil(at).isPresent();
  }

  /** {@code at} itself if a window is open then, else the next opening after it. */
  public Optional<Instant> earliestOpenAtOrAfter(Instant at) {
    return isOpen(at) ? Optional.of(at) : nextOpening(at);
  }
}
