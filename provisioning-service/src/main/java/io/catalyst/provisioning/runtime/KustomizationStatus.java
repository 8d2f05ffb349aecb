package io.catalyst.provisioning.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Flux {@code Kustomization} ({@code kustomize.toolkit.fluxcd.io/v1}) says about its Application, as a runtime
 * status observation. A plain class: no Spring, no I/O; the object is the API server's JSON read into maps.
 *
 * <p>The Application is named by the labels {@code gitops.ApplicationSources} writes ({@code openova.io/organization},
 * {@code openova.io/environment}, {@code openova.io/application}); an object without them is not ours. Rules, first
 * match wins:
 * <ol>
 *   <li>{@code spec.suspend: true} → {@code Paused};
 *   <li>{@code Stalled=True} → {@code Failed} with {@code reason: message};
 *   <li>{@code Ready=False} with reason {@code HealthCheckFailed}: the workloads of the inventory (Deployments,
 *       StatefulSets, DaemonSets) minus those the health check names → {@code Running x/y} (shown as
 *       {@code Degraded (x/y)}) while at least one is ready, else {@code Failed};
 *   <li>{@code Ready=False} with {@code DependencyNotReady} or {@code Progressing} → still installing or updating;
 *       any other {@code Ready=False} reason ({@code BuildFailed}, {@code ReconciliationFailed}, …) →
 *       {@code Failed};
 *   <li>{@code Reconciling=True}, {@code Ready=Unknown}, or a generation Flux has not observed yet →
 *       {@code Installing} (nothing applied yet) or {@code Updating};
 *   <li>{@code Ready=True} → {@code Running} with every workload ready;
 *   <li>no conditions yet → {@code Installing}.
 * </ol>
 * Flux does not count pods: {@code readyPods}/{@code desiredPods} are the inventory's workloads that pass (or are
 * expected to pass) the health checks.
 */
public final class KustomizationStatus {

  public static final String LABEL_ORGANIZATION = "openova.io/organization";
  public static final String LABEL_ENVIRONMENT = "openova.io/environment";
  public static final String LABEL_APPLICATION = "openova.io/application";

  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");
  /** {@code Deployment/shop/web status: 'InProgress'} in a health-check failure message. */
  private static final Pattern NOT_READY = Pattern.compile("(Deployment|StatefulSet|DaemonSet|HelmRelease)/[^\\s/]+/[^\\s:,\\]]+ status");

  /**
   * One observation (the part of {@code io.catalyst.runtime.application.status.v1} that the object decides).
   *
   * @param observedGeneration the Kustomization's {@code status.observedGeneration}, orders the observations
   */
  public record Observed(String organization, String environment, String application, String phase,
      Integer readyPods, Integer desiredPods, String reason, String observedCommit, Long observedGeneration) {

    /** The same card: what decides whether an event is due (the generation alone does not). */
    boolean sameCard(Observed other) {
      return other != null && java.util.Objects.equals(phase, other.phase)
          && java.util.Objects.equals(readyPods, other.readyPods)
          && java.util.Objects.equals(desiredPods, other.desiredPods)
          && java.util.Objects.equals(reason, other.reason)
          && java.util.Objects.equals(organization, other.organization)
          && java.util.Objects.equals(environment, other.environment);
    }
  }

  private KustomizationStatus() {}

  /** The observation, or empty when the object does not name a Catalyst Application. */
  public static Optional<Observed> of(Map<String, Object> kustomization) {
    Map<String, Object> metadata = map(kustomization.get("metadata"));
    Map<String, Object> labels = map(metadata.get("labels"));
    String organization = string(labels.get(LABEL_ORGANIZATION));
    String environment = string(labels.get(LABEL_ENVIRONMENT));
    String application = string(labels.get(LABEL_APPLICATION));
    if (organization == null || environment == null || application == null) {
      return Optional.empty();
    }
    Map<String, Object> spec = map(kustomization.get("spec"));
    Map<String, Object> status = map(kustomization.get("status"));
    Long generation = number(metadata.get("generation"));
    Long observedGeneration = number(status.get("observedGeneration"));
    String revision = string(status.get("lastAppliedRevision"));
    String commit = revision == null ? null : revision.substring(revision.lastIndexOf(':') + 1);
    boolean applied = revision != null && !revision.isBlank();
    String progressing = applied ? "Updating" : "Installing";
    Map<String, Object> ready = condition(status, "Ready");
    Map<String, Object> stalled = condition(status, "Stalled");
    Map<String, Object> reconciling = condition(status, "Reconciling");
    int workloads = workloads(status);

    record Card(String phase, Integer ready, Integer desired, String reason) {}
    Card card;
    if (Boolean.TRUE.equals(spec.get("suspend"))) {
      card = new Card("Paused", null, null, "Reconciliation is suspended in Flux (spec.suspend)");
    } else if (is(stalled, "True")) {
      card = new Card("Failed", null, null, explain(stalled, "Stalled"));
    } else if (is(ready, "False") && "HealthCheckFailed".equals(string(ready.get("reason")))) {
      String message = string(ready.get("message"));
      int notReady = notReady(message);
      int desired = Math.max(workloads, notReady);
      int up = desired - notReady;
      card = desired > 0 && up > 0 && notReady > 0
          ? new Card("Running", up, desired, explain(ready, "HealthCheckFailed"))
          : new Card("Failed", desired > 0 ? 0 : null, desired > 0 ? desired : null,
              explain(ready, "HealthCheckFailed"));
    } else if (is(ready, "False") && Set.of("DependencyNotReady", "Progressing")
        .contains(string(ready.get("reason")))) {
      card = new Card(progressing, null, null, explain(ready, null));
    } else if (is(ready, "False")) {
      card = new Card("Failed", null, null, explain(ready, "ReconciliationFailed"));
    } else if (is(reconciling, "True") || is(ready, "Unknown")
        || generation != null && (observedGeneration == null || observedGeneration < generation)) {
      card = new Card(progressing, null, null, reconciling != null ? string(reconciling.get("message")) : null);
    } else if (is(ready, "True")) {
      card = workloads > 0 ? new Card("Running", workloads, workloads, null) : new Card("Running", 1, 1, null);
    } else {
      card = new Card("Installing", null, null, null);
    }
    return Optional.of(new Observed(organization, environment, application, card.phase(), card.ready(),
        card.desired(), card.reason(), commit, observedGeneration));
  }

  /** How many objects a health-check failure message names as not ready (0 when it names none). */
  static int notReady(String message) {
    if (message == null) {
      return 0;
    }
    Matcher m = NOT_READY.matcher(message);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Workloads of {@code status.inventory.entries} (ids {@code namespace_name_group_Kind}). */
  static int workloads(Map<String, Object> status) {
    Object entries = map(status.get("inventory")).get("entries");
    if (!(entries instanceof List<?> list)) {
      return 0;
    }
    int n = 0;
    for (Object entry : list) {
      String id = string(map(entry).get("id"));
      if (id != null && WORKLOADS.contains(id.substring(id.lastIndexOf('_') + 1))) {
        n++;
      }
    }
    return n;
  }

  private static String explain(Map<String, Object> condition, String fallbackReason) {
    String reason = string(condition.get("reason"));
    String message = string(condition.get("message"));
    reason = reason == null ? fallbackReason : reason;
    if (message == null || message.isBlank()) {
      return reason;
    }
    return reason == null ? message : reason + ": " + message;
  }

  private static boolean is(Map<String, Object> condition, String value) {
    return condition != null && value.equalsIgnoreCase(string(condition.get("status")));
  }

  private static Map<String, Object> condition(Map<String, Object> status, String type) {
    if (status.get("conditions") instanceof List<?> list) {
      for (Object c : list) {
        Map<String, Object> condition = map(c);
        if (type.equals(condition.get("type"))) {
          return condition;
        }
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String string(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  private static Long number(Object o) {
    if (o instanceof Number n) {
      return n.longValue();
    }
    try {
      return o == null ? null : Long.valueOf(String.valueOf(o));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
