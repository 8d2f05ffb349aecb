package io.catalyst.promotion.policy;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.promotion.configrepo.ConfigRepository;
import io.catalyst.promotion.configrepo.ConfigRepositoryProperties;
import io.catalyst.promotion.contract.PromotionEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the {@link PolicyIndex} on the head of {@code system/catalyst-config}: at start, on every
 * {@code branch.moved.v1} of that repository ({@link PolicyMovesListener}), and every
 * {@code refresh-interval} in case an event was missed. Refreshes run one at a time on one thread; requests that
 * arrive during one are coalesced into the next. A refused file is logged and announced once per commit as
 * {@code policy.refused.v1}.
 */
@Component
public class PolicyRefresher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PolicyRefresher.class);

  private final ConfigRepository repository;
  private final ConfigRepositoryProperties properties;
  private final PolicyIndex index;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile ScheduledExecutorService executor;
  private volatile boolean failing;

  PolicyRefresher(ConfigRepository repository, ConfigRepositoryProperties properties, PolicyIndex index,
      Outbox outbox, TransactionTemplate tx) {
    this.repository = repository;
    this.properties = properties;
    this.index = index;
    this.outbox = outbox;
    this.tx = tx;
  }

  /** Asks for a refresh soon (coalesced with one already asked for). */
  public void requestRefresh() {
    ScheduledExecutorService e = executor;
    if (e != null && pending.compareAndSet(false, true)) {
      e.execute(this::refreshQuietly);
    }
  }

  /** Fetches and applies the head now, on the caller's thread. */
  public synchronized PolicyIndex.Report refresh() throws IOException {
    pending.set(false);
    ConfigRepository.Snapshot snapshot = repository.read(PolicyIndex.FOLDER);
    PolicyIndex.Report report = index.apply(snapshot.commit(), snapshot.files());
    if (!report.loaded().isEmpty() || !report.removed().isEmpty()) {
      log.info("Policies at {} of {}: {} in force; loaded {}, removed {}", report.commit(), repository.url(),
          index.size(), report.loaded(), report.removed());
    }
    for (PolicyIndex.Refusal refusal : report.refused()) {
      refused(refusal);
    }
    return report;
  }

  private void refused(PolicyIndex.Refusal r) {
    log.warn("Refused {} at {}: {}; in force stays {}", r.path(), r.commit(), r.errors(),
        r.inForce() == null ? "no policy" : r.inForce().commit());
    String org = r.environment() == null ? null : r.environment().organization();
    String env = r.environment() == null ? null : r.environment().name();
    UUID id = UUID.nameUUIDFromBytes(("policy.refused:" + r.path() + ":" + r.commit())
        .getBytes(StandardCharsets.UTF_8));
    PromotionEvents.PolicyRefused data = new PromotionEvents.PolicyRefused(org, env, r.path(), r.commit(),
        r.inForce() == null ? null : r.inForce().commit(), r.errors().stream()
            .map(e -> new PromotionEvents.PolicyFieldError(e.path(), e.message())).toList());
    try {
      tx.executeWithoutResult(s -> outbox.publishOnce(id, new CatalystEvent(PromotionEvents.POLICY_REFUSED,
          "repos/system/catalyst-config/" + r.path(), org, env, "system", data)));
    } catch (RuntimeException e) {
      log.warn("Could not record policy.refused for {}: {}", r.path(), e.getMessage());
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
      if (failing) {
        log.info("{} answers again; {} policies in force", repository.url(), index.size());
        failing = false;
      }
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        log.warn("Could not refresh the policies from {} (the last ones read stay in force): {}", repository.url(),
            e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "policy-refresh");
      t.setDaemon(true);
      return t;
    });
    long every = properties.refreshInterval().toMillis();
    executor.scheduleWithFixedDelay(this::refreshQuietly, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService e = executor;
    executor = null;
    if (e != null) {
      e.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
