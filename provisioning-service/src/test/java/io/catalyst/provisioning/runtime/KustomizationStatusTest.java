package io.catalyst.provisioning.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.application.status.ApplicationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flux Kustomization status → runtime status observations (and through {@link ApplicationStatus}, card states). */
class KustomizationStatusTest {

  static Map<String, Object> kustomization(boolean suspend, Long generation, Long observed, String revision,
      List<Map<String, Object>> conditions, List<String> inventory) {
    Map<String, Object> status = new java.util.HashMap<>();
    if (observed != null) {
      status.put("observedGeneration", observed);
    }
    if (revision != null) {
      status.put("lastAppliedRevision", revision);
    }
    status.put("conditions", conditions);
    status.put("inventory", Map.of("entries", inventory.stream().map(id -> Map.of("id", id, "v", "v1")).toList()));
    return Map.of("metadata", Map.of("name", "erp", "namespace", "flux-system", "generation", generation,
            "labels", Map.of("openova.io/organization", "muscat", "openova.io/environment", "muscat-prod",
                "openova.io/application", "erp")),
        "spec", Map.of("suspend", suspend), "status", status);
  }

  static Map<String, Object> condition(String type, String status, String reason, String message) {
    return Map.of("type", type, "status", status, "reason", reason, "message", message);
  }

  static final List<String> TWO_WORKLOADS = List.of("erp_web_apps_Deployment", "erp_db_apps_StatefulSet",
      "erp_web__Service");

  static ApplicationStatus.State card(KustomizationStatus.Observed o) {
    ApplicationStatus.Outcome outcome = ApplicationStatus.apply(ApplicationStatus.Card.initial(
            ApplicationStatus.State.INSTALLING, java.time.Instant.EPOCH),
        new ApplicationStatus.Observation(o.organization(), o.environment(), o.application(), o.phase(),
            o.readyPods(), o.desiredPods(), o.reason(), o.observedCommit(), java.time.Instant.now(),
            o.observedGeneration()));
    return outcome.card().state();
  }

  @Test
  void readyIsRunningWithEveryWorkload() {
    var o = KustomizationStatus.of(kustomization(false, 2L, 2L, "main@sha1:abc123",
        List.of(condition("Ready", "True", "ReconciliationSucceeded", "Applied revision: main@sha1:abc123")),
        TWO_WORKLOADS)).orElseThrow();
    assertThat(o.phase()).isEqualTo("Running");
    assertThat(o.readyPods()).isEqualTo(2);
    assertThat(o.desiredPods()).isEqualTo(2);
    assertThat(o.observedCommit()).isEqualTo("abc123");
    assertThat(o.observedGeneration()).isEqualTo(2L);
    assertThat(card(o)).isEqualTo(ApplicationStatus.State.RUNNING);
  }

  @Test
  void noStatusYetIsInstallingAndReconcilingAfterAnApplyIsUpdating() {
    assertThat(KustomizationStatus.of(kustomization(false, 1L, null, null, List.of(), List.of())).orElseThrow()
        .phase()).isEqualTo("Installing");
    var updating = KustomizationStatus.of(kustomization(false, 3L, 3L, "main@sha1:abc",
        List.of(condition("Ready", "Unknown", "Progressing", "Reconciliation in progress"),
            condition("Reconciling", "True", "Progressing", "Reconciliation in progress")), TWO_WORKLOADS))
        .orElseThrow();
    assertThat(updating.phase()).isEqualTo("Updating");
    assertThat(card(updating)).isEqualTo(ApplicationStatus.State.UPDATING);
    // A new generation Flux has not observed yet
    assertThat(KustomizationStatus.of(kustomization(false, 4L, 3L, "main@sha1:abc",
        List.of(condition("Ready", "True", "ReconciliationSucceeded", "ok")), TWO_WORKLOADS)).orElseThrow().phase())
        .isEqualTo("Updating");
  }

  @Test
  void aHealthCheckNamingOneOfTwoWorkloadsIsDegradedAndNamingAllIsFailed() {
    var degraded = KustomizationStatus.of(kustomization(false, 2L, 2L, "main@sha1:abc",
        List.of(condition("Ready", "False", "HealthCheckFailed",
            "health check failed after 4m0s: timeout waiting for: [Deployment/erp/web status: 'InProgress']")),
        TWO_WORKLOADS)).orElseThrow();
    assertThat(degraded.phase()).isEqualTo("Running");
    assertThat(degraded.readyPods()).isEqualTo(1);
    assertThat(degraded.desiredPods()).isEqualTo(2);
    assertThat(card(degraded)).isEqualTo(ApplicationStatus.State.DEGRADED);
    assertThat(degraded.reason()).startsWith("HealthCheckFailed: health check failed");

    var failed = KustomizationStatus.of(kustomization(false, 2L, 2L, "main@sha1:abc",
        List.of(condition("Ready", "False", "HealthCheckFailed", "timeout waiting for: [Deployment/erp/web status: "
            + "'Failed', StatefulSet/erp/db status: 'InProgress']")), TWO_WORKLOADS)).orElseThrow();
    assertThat(failed.phase()).isEqualTo("Failed");
    assertThat(failed.readyPods()).isZero();
    assertThat(failed.desiredPods()).isEqualTo(2);
  }

  @Test
  void stalledAndBuildFailuresAreFailedWithTheReason() {
    var stalled = KustomizationStatus.of(kustomization(false, 2L, 2L, null,
        List.of(condition("Stalled", "True", "InvalidPath", "path ./overlays/prod not found"),
            condition("Ready", "False", "InvalidPath", "path ./overlays/prod not found")), List.of())).orElseThrow();
    assertThat(stalled.phase()).isEqualTo("Failed");
    assertThat(stalled.reason()).isEqualTo("InvalidPath: path ./overlays/prod not found");
    var build = KustomizationStatus.of(kustomization(false, 2L, 2L, "main@sha1:abc",
        List.of(condition("Ready", "False", "BuildFailed", "kustomize build failed: accumulating resources"),
            condition("Reconciling", "True", "ProgressingWithRetry", "retrying")), List.of())).orElseThrow();
    assertThat(build.phase()).isEqualTo("Failed");
    assertThat(build.reason()).startsWith("BuildFailed: kustomize build failed");
    var waiting = KustomizationStatus.of(kustomization(false, 1L, 1L, null,
        List.of(condition("Ready", "False", "DependencyNotReady", "dependency 'flux-system/erp-db' is not ready")),
        List.of())).orElseThrow();
    assertThat(waiting.phase()).isEqualTo("Installing");
    assertThat(waiting.reason()).contains("erp-db");
  }

  @Test
  void suspendedIsPausedAndUnlabelledObjectsAreNotOurs() {
    var paused = KustomizationStatus.of(kustomization(true, 2L, 2L, "main@sha1:abc",
        List.of(condition("Ready", "True", "ReconciliationSucceeded", "ok")), TWO_WORKLOADS)).orElseThrow();
    assertThat(paused.phase()).isEqualTo("Paused");
    assertThat(card(paused)).isEqualTo(ApplicationStatus.State.PAUSED);
    assertThat(KustomizationStatus.of(Map.of("metadata", Map.of("name", "flux-system")))).isEmpty();
  }
}
