package io.catalyst.provisioning.runtime;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.contract.RuntimeEvents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies a runtime status event to the Application row ({@link ApplicationStatus} decides), publishes
 * {@code application.status-changed.v1} through the outbox when the card changed and, after the commit, hands the
 * change to the SSE streams.
 */
@Service
public class ApplicationStatusUpdater {

  private static final Logger log = LoggerFactory.getLogger(ApplicationStatusUpdater.class);

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final StatusStreams streams;
  private final Clock clock;

  public ApplicationStatusUpdater(JdbcClient jdbc, Outbox outbox, StatusStreams streams, Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.streams = streams;
    this.clock = clock;
  }

  private record Current(String environment, String status, Integer readyPods, Integer desiredPods, String reason,
      Instant changedAt, Instant observedAt, Long generation, Instant updatedAt) {}

  /** Returns the change, or empty when the event was stale, unknown, for no row, or changed nothing. */
  @Transactional
  public Optional<RuntimeEvents.StatusChanged> apply(RuntimeEvents.Status event) {
    Optional<Current> row = jdbc.sql("""
        select environment, status, ready_pods, desired_pods, status_reason, status_changed_at, status_observed_at,
               status_generation, updated_at
        from application where organization = :org and name = :app for update""")
        .param("org", event.organization()).param("app", event.application())
        .query((rs, i) -> new Current(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
            (Integer) rs.getObject(4), rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
            (Long) rs.getObject(8), instant(rs.getTimestamp(9))))
        .optional();
    if (row.isEmpty() || event.environment() != null && !event.environment().equals(row.get().environment())) {
      log.debug("Status of {}/{} in {}: no such Application there, ignored", event.organization(),
          event.application(), event.environment());
      return Optional.empty();
    }
    Current c = row.get();
    ApplicationStatus.State state = ApplicationStatus.State.ofLabel(c.status())
        .orElse(ApplicationStatus.State.INSTALLING);
    ApplicationStatus.Card card = new ApplicationStatus.Card(state, c.readyPods(), c.desiredPods(), c.reason(),
        c.changedAt() != null ? c.changedAt() : c.updatedAt(), c.observedAt(), c.generation());
    ApplicationStatus.Outcome outcome = ApplicationStatus.apply(card, observation(event, clock.instant()));
    if (!outcome.applied()) {
      log.debug("Status of {}/{} ignored: {}", event.organization(), event.application(), outcome.ignoredBecause());
      return Optional.empty();
    }
    ApplicationStatus.Card next = outcome.card();
    jdbc.sql("""
        update application set status = :status, ready_pods = :ready, desired_pods = :desired, status_reason = :reason,
               status_changed_at = :changed, status_observed_at = :observed, status_generation = :generation,
               observed_commit = coalesce(:commit, observed_commit), updated_at = :now
        where organization = :org and name = :app""")
        .param("status", next.state().label()).param("ready", next.readyPods()).param("desired", next.desiredPods())
        .param("reason", next.reason()).param("changed", ts(next.changedAt())).param("observed", ts(next.observedAt()))
        .param("generation", next.observedGeneration()).param("commit", event.observedCommit())
        .param("now", Timestamp.from(clock.instant()))
        .param("org", event.organization()).param("app", event.application()).update();
    if (!outcome.changed()) {
      return Optional.empty();
    }
    RuntimeEvents.StatusChanged changed = new RuntimeEvents.StatusChanged(event.organization(), c.environment(),
        event.application(), next.state().label(), c.status(), next.readyPods(), next.desiredPods(), next.reason(),
        next.changedAt());
    outbox.publish(CatalystEvent.of(ProvisioningEvents.APPLICATION_STATUS_CHANGED,
            "applications/" + event.organization() + "/" + event.application(), event.organization(), changed)
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

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
