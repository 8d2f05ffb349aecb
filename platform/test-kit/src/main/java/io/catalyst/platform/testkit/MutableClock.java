package io.catalyst.platform.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move forward (never back) instead of sleeping: the system clock plus an offset, or, made with a start,
 * that instant plus the offset (time stands still between advances). In UTC.
 */
public final class MutableClock extends Clock {

  private final Instant start;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** The system clock plus what the test advanced it by. */
  public MutableClock() {
    this(null);
  }

  /** {@code start} plus what the test advanced it by; null for the system clock. */
  public MutableClock(Instant start) {
    this.start = start;
  }

  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("A MutableClock only moves forward: " + by);
    }
    offset.updateAndGet(o -> o.plus(by));
  }

  @Override
  public Instant instant() {
    return (start == null ? Instant.now() : start).plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
