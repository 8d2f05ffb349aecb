package io.catalyst.identity.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A sliding-window limit: at most {@code limit} hits in any {@code window}. */
public record SlidingWindow(int limit, Duration window) {

  /** Empty when one more hit at {@code now} is allowed; otherwise how long until it is. */
  public Optional<Duration> retryAfter(List<Instant> hits, Instant now) {
    Instant from = now.minus(window);
    List<Instant> inWindow = hits.stream().filter(h -> h.isAfter(from)).sorted(Comparator.naturalOrder()).toList();
    if (inWindow.size() < limit) {
      return Optional.empty();
    }
    // The hit that must leave the window before one more fits.
    Instant leaving = inWindow.get(inWindow.size() - limit);
    Duration wait = Duration.between(now, leaving.plus(window));
    return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
  }
}
