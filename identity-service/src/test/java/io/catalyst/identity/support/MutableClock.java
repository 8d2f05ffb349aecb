package io.catalyst.identity.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock plus an offset that tests move forward (never back), instead of sleeping. */
public final class MutableClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  public void advance(Duration by) {
    offset.updateAndGet(o -> o.plus(by));
  }

  /**
   * Runs {@code work} on the system clock itself, then puts the offset back. For flows that Spring Authorization
   * Server checks against {@code Instant.now()} rather than the injected clock (userinfo treats a token whose
   * {@code nbf} is ahead of the real time as inactive).
   */
  public <T> T atRealTime(java.util.concurrent.Callable<T> work) throws Exception {
    Duration saved = offset.getAndSet(Duration.ZERO);
    try {
      return work.call();
    } finally {
      offset.set(saved);
    }
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
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
