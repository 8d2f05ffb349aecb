package io.catalyst.provisioning.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The events of Application state: what runtimes publish and what this service publishes about it. */
public final class RuntimeEvents {

  /** The type runtimes publish on {@code catalyst.runtime.v1}. */
  public static final String STATUS_TYPE = "io.catalyst.runtime.application.status.v1";

  /** {@code io.catalyst.runtime.application.status.v1} data (unknown fields ignored). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Status(String organization, String environment, String application, String phase,
      Integer readyPods, Integer desiredPods, String reason, String observedCommit, Instant time,
      Long observedGeneration) {

    ApplicationStatus.Observation observation(Instant fallbackTime) {
      return new ApplicationStatus.Observation(organization, environment, application, phase, readyPods,
          desiredPods, reason, observedCommit, time != null ? time : fallbackTime, observedGeneration);
    }
  }

  /**
   * {@code io.catalyst.provisioning.application.status-changed.v1} data (catalog-service's usage model reads it), also
   * the {@code application-status} SSE event.
   */
  public record StatusChanged(String organization, String environment, String application, String status,
      String previousStatus, Integer readyPods, Integer desiredPods, String reason, Instant changedAt) {}

  private RuntimeEvents() {}
}
