package io.catalyst.provisioning.contract;

import java.time.Instant;

/**
 * The events of Application state: what runtimes publish on {@code catalyst.runtime.v1} (a runtime adapter of
 * provisioning-service, the simulated runtime, or a cluster agent) and what provisioning-service publishes about the
 * card. Unknown fields are ignored by readers, so a runtime may report more.
 */
public final class RuntimeEvents {

  /** The type runtimes publish on {@code catalyst.runtime.v1}. */
  public static final String STATUS_TYPE = "io.catalyst.runtime.application.status.v1";

  /**
   * {@code io.catalyst.runtime.application.status.v1} data: what the runtime observed of an Application
   * ({@code phase}: {@code Installing}, {@code Running}, {@code Updating}, {@code Failed}, …; {@code time} when it was
   * observed, the event time when absent).
   */
  public record Status(String organization, String environment, String application, String phase,
      Integer readyPods, Integer desiredPods, String reason, String observedCommit, Instant time,
      Long observedGeneration) {

    /** The same observation, observed at {@code time}. */
    public Status at(Instant time) {
      return new Status(organization, environment, application, phase, readyPods, desiredPods, reason,
          observedCommit, time, observedGeneration);
    }
  }

  /**
   * {@code io.catalyst.provisioning.application.status-changed.v1} data (catalog-service's usage model reads it), also
   * the {@code application-status} SSE event: the card state ({@code Running}, {@code Installing}, {@code Updating},
   * {@code Degraded}, {@code Failed}, {@code Paused}, {@code Pending approval}).
   */
  public record StatusChanged(String organization, String environment, String application, String status,
      String previousStatus, Integer readyPods, Integer desiredPods, String reason, Instant changedAt) {}

  private RuntimeEvents() {}
}
