package io.catalyst.platform.web.security;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads identity-service's list of suspended Organizations into {@link SuspendedOrganizations} at start and every
 * {@code catalyst.security.suspension-refresh} (30 s by default, so a suspension takes effect within a minute).
 * When identity-service cannot be reached the last known list stays in force and the outage is logged once (and
 * its end).
 */
public class SuspendedOrganizationsPoller implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SuspendedOrganizationsPoller.class);

  private final Supplier<Set<String>> source;
  private final SuspendedOrganizations target;
  private final Duration interval;
  private ScheduledExecutorService scheduler;
  private volatile boolean failing;

  public SuspendedOrganizationsPoller(Supplier<Set<String>> source, SuspendedOrganizations target,
      Duration interval) {
    this.source = source;
    this.target = target;
    this.interval = interval;
  }

  /** One poll: replaces the set on success, keeps it (and logs) on failure. Answers whether it succeeded. */
  public boolean refresh() {
    try {
      Set<String> current = source.get();
      target.replaceAll(current);
      if (failing) {
        failing = false;
        log.info("The list of suspended Organizations is current again ({} suspended)", current.size());
      }
      return true;
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        log.warn("Could not read the suspended Organizations from identity-service ({}); keeping the last known "
            + "list of {} until it answers", e.getMessage(), target.current().size());
      } else {
        log.debug("Still cannot read the suspended Organizations", e);
      }
      return false;
    }
  }

  @Override
  public synchronized void start() {
    if (scheduler != null || !interval.isPositive()) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("suspended-orgs")
        .factory());
    scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /** After the web server is up: identity-service may be this process's neighbour starting at the same time. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
