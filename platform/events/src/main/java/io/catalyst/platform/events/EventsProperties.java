package io.catalyst.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.events.*}.
 *
 * @param service         short name of the producing service ({@code catalog}); types and the topic derive from it
 * @param relay           the outbox relay
 * @param consumer        retries before a record goes to the dead-letter topic
 */
@ConfigurationProperties("catalyst.events")
public record EventsProperties(String service, @DefaultValue Relay relay, @DefaultValue Consumer consumer) {

  /**
   * @param enabled     whether this process ships its outbox (off only in tests that drive the relay by hand)
   * @param interval    how often it looks for unshipped events when nothing woke it
   * @param batchSize   events shipped per round
   * @param maxBackoff  the longest pause after failures (the broker is down)
   * @param retention   how long shipped events are kept for inspection before they are deleted
   */
  public record Relay(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1s") Duration interval,
      @DefaultValue("200") int batchSize,
      @DefaultValue("10s") Duration maxBackoff,
      @DefaultValue("7d") Duration retention) {}

  /**
   * @param attempts        deliveries of one record before it is dead-lettered (the first included)
   * @param initialBackoff  pause before the first retry, doubled each time up to {@code maxBackoff}
   */
  public record Consumer(
      @DefaultValue("4") int attempts,
      @DefaultValue("200ms") Duration initialBackoff,
      @DefaultValue("2s") Duration maxBackoff) {}
}
