package io.catalyst.provisioning.application.status;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.provisioning.application.ApplicationStore;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.contract.RuntimeEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Feeds a card input (a runtime's report, a pause, a promotion) to the Application row ({@link CardState} decides), publishes
 * {@code application.status-changed.v1} through the outbox when the card changed and, after the commit, hands the
 * change to the SSE streams.
 */
@Service
public class ApplicationStatusUpdater {

  private static final Logger log = LoggerFactory.getLogger(ApplicationStatusUpdater.class);

  private final ApplicationStore store;
  private final Outbox outbox;
  private final StatusStreams streams;
  private final Clock clock;

  public ApplicationStatusUpdater(ApplicationStore store, Outbox outbox, StatusStreams streams, Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.streams = streams;
    this.clock = clock;
  }

  /**
   * A runtime's report (adapters only report): returns the change, or empty when the event was stale, unknown, for
   * no row, or changed nothing.
   */
  @Transactional
  public Optional<RuntimeEvents.StatusChanged> apply(RuntimeEvents.Status event) {
    return apply(event.organization(), event.environment(), event.application(),
        new CardState.RuntimeObserved(observation(event, clock.instant())), event.observedCommit());
  }

  /**
   * Feeds {@code input} to the card of {@code application} ({@code environment} null: wherever it is installed):
   * returns the change, or empty when there is no such Application there or the card did not change.
   */
  @Transactional
  public Optional<RuntimeEvents.StatusChanged> apply(String organization, String environment, String application,
      CardState.Input input) {
    return apply(organization, environment, application, input, null);
  }

  private Optional<RuntimeEvents.StatusChanged> apply(String organization, String environment, String application,
      CardState.Input input, String observedCommit) {
    Optional<ApplicationStore.Card> row = store.cardForUpdate(organization, application);
    if (row.isEmpty() || environment != null && !environment.equals(row.get().environment())) {
      log.debug("Status of {}/{} in {}: no such Application there, ignored", organization, application, environment);
      return Optional.empty();
    }
    ApplicationStore.Card c = row.get();
    ApplicationStatus.State state = ApplicationStatus.State.ofLabel(c.status())
        .orElse(ApplicationStatus.State.INSTALLING);
    ApplicationStatus.Card card = new ApplicationStatus.Card(state, c.readyPods(), c.desiredPods(), c.reason(),
        c.changedAt() != null ? c.changedAt() : c.updatedAt(), c.observedAt(), c.generation());
    ApplicationStatus.Outcome outcome = CardState.next(card, input);
    if (!outcome.applied()) {
      log.debug("Status of {}/{} ignored: {}", organization, application, outcome.ignoredBecause());
      return Optional.empty();
    }
    ApplicationStatus.Card next = outcome.card();
    store.writeCard(organization, application, next.state().label(), next.readyPods(), next.desiredPods(),
        next.reason(), next.changedAt(), next.observedAt(), next.observedGeneration(), observedCommit,
        clock.instant());
    if (!outcome.changed()) {
      return Optional.empty();
    }
    RuntimeEvents.StatusChanged changed = new RuntimeEvents.StatusChanged(organization, c.environment(), application, next.state().label(), c.status(), next.readyPods(), next.desiredPods(), next.reason(),
        next.changedAt());
    outbox.publish(CatalystEvent.of(ProvisioningEvents.APPLICATION_STATUS_CHANGED,
            "applications/" + organization + "/" + application, organization, changed)
        .inEnvironment(c.environment()).by("runtime"));
    long id = streams.record(changed); // the SSE event id; every replica's streams read it (Last-Event-ID replay)
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          streams.publish(id, changed);
        }
      });
    } else {
      streams.publish(id, changed);
    }
    return Optional.of(changed);
  }

  /** The runtime's report as the state machine reads it; observed now when the report carries no time. */
  private static ApplicationStatus.Observation observation(RuntimeEvents.Status s, Instant fallbackTime) {
    return new ApplicationStatus.Observation(s.organization(), s.environment(), s.application(), s.phase(),
        s.readyPods(), s.desiredPods(), s.reason(), s.observedCommit(), s.time() != null ? s.time() : fallbackTime,
        s.observedGeneration());
  }
}
