package io.catalyst.provisioning.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.platform.events.Outbox;
import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.contract.RuntimeEvents;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Kubernetes runtime adapter against a <b>mock Kubernetes API server</b> (fabric8's {@code KubernetesMockServer}
 * in CRUD mode: the Kubernetes API is a boundary we do not own). Flux Kustomizations are created and changed in the
 * mock with the fabric8 client, as Flux's controller would; the adapter (plain HTTP, as in a cluster) reads them and
 * its status events go the real way: outbox → Kafka {@code catalyst.runtime.v1} → {@link RuntimeStatusListener} →
 * the Application row and {@code application.status-changed.v1}.
 *
 * <p>The Applications are rows inserted directly (no {@code application.installed.v1}), so the simulated runtime
 * that the shared test context runs stays out of it.
 */
class KubernetesRuntimeIT extends ProvisioningIntegrationTest {

  static final CustomResourceDefinitionContext KUSTOMIZATIONS = new CustomResourceDefinitionContext.Builder()
      .withGroup("kustomize.toolkit.fluxcd.io").withVersion("v1").withPlural("kustomizations")
      .withKind("Kustomization").withScope("Namespaced").build();

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;

  KubernetesMockServer server;
  KubernetesClient kube;
  KubernetesRuntime runtime;

  @BeforeEach
  void mockApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of(KUSTOMIZATIONS)), false);
    server.init();
    kube = server.createClient();
    // As a cluster deployment makes it (KubernetesRuntimeConfiguration): a service-account token file, no CA file.
    java.nio.file.Path token;
    try {
      token = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("sa-token", ""), "test-token\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    runtime = new KubernetesRuntimeConfiguration().kubernetesRuntime(outbox, tx, Clock.systemUTC(),
        URI.create(server.url("/")), token, token.resolveSibling("no-such-ca.crt"), List.of("flux-system"),
        "openova.io/application", Duration.ofMillis(200));
  }

  @AfterEach
  void stop() {
    runtime.close();
    kube.close();
    server.destroy();
  }

  void application(String org, String app) {
    String admin = token("root", org, "org-admin");
    assertThat(call("POST", "/api/v1/provisioning/environments", admin,
        "{\"organization\":\"" + org + "\",\"type\":\"prod\"}").statusCode()).isIn(201, 409);
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("""
        insert into application (organization, name, environment, blueprint, version, backing_service, status,
                                 created_at, created_by, updated_at)
        values (:o, :a, :e, 'bp-erpnext', '15.70.2', false, 'Installing', :now, 'root', :now)""")
        .param("o", org).param("a", app).param("e", org + "-prod").param("now", now).update();
  }

  /** Creates or replaces the Kustomization {@code app} in flux-system, labelled as installs label it. */
  void kustomization(String org, String app, boolean suspend, Map<String, Object> status) {
    var resources = kube.genericKubernetesResources(KUSTOMIZATIONS).inNamespace("flux-system");
    GenericKubernetesResource current = resources.withName(app).get();
    GenericKubernetesResource k = current != null ? current : new GenericKubernetesResource();
    k.setApiVersion("kustomize.toolkit.fluxcd.io/v1");
    k.setKind("Kustomization");
    if (current == null) {
      k.setMetadata(new ObjectMetaBuilder().withName(app).withNamespace("flux-system")
          .withLabels(Map.of("openova.io/organization", org, "openova.io/environment", org + "-prod",
              "openova.io/application", app)).build());
    }
    k.setAdditionalProperty("spec", Map.of("interval", "5m", "path", "./overlays/prod", "prune", true,
        "suspend", suspend, "sourceRef", Map.of("kind", "GitRepository", "name", app)));
    k.setAdditionalProperty("status", status);
    if (current == null) {
      resources.resource(k).create();
    } else {
      resources.resource(k).update();
    }
  }

  static Map<String, Object> status(String revision, List<String> workloads, Map<String, Object>... conditions) {
    Map<String, Object> status = new HashMap<>();
    status.put("observedGeneration", 1);
    if (revision != null) {
      status.put("lastAppliedRevision", revision);
    }
    status.put("conditions", List.of(conditions));
    status.put("inventory", Map.of("entries", workloads.stream().map(w -> Map.of("id", w, "v", "v1")).toList()));
    return status;
  }

  static Map<String, Object> condition(String type, String status, String reason, String message) {
    return Map.of("type", type, "status", status, "reason", reason, "message", message,
        "lastTransitionTime", Instant.now().toString());
  }

  Map<String, Object> row(String org, String app) {
    return jdbc.sql("select status, ready_pods, desired_pods, status_reason, observed_commit from application "
        + "where organization = :o and name = :a").param("o", org).param("a", app).query().singleRow();
  }

  long runtimeEvents(String org, String app) {
    return jdbc.sql("select count(*) from catalyst_outbox where type = :t and subject = :s and source like :src")
        .param("t", RuntimeEvents.STATUS_TYPE).param("s", "applications/" + org + "/" + app)
        .param("src", "%/kubernetes-runtime").query(Long.class).single();
  }

  static final List<String> WORKLOADS = List.of("erp_web_apps_Deployment", "erp_worker_apps_Deployment",
      "erp_web__Service");

  @Test
  void kustomizationStatusBecomesCardStatesAndEventsOnlyOnChange() {
    String org = "runtime-k8s";
    application(org, "erp");
    application(org, "other-ns-app"); // no Kustomization: stays as it is
    runtime.start();

    // Flux has not reconciled yet: Installing (the row is Installing already, so no status-changed).
    kustomization(org, "erp", false, status(null, List.of()));
    await().atMost(Duration.ofSeconds(20)).until(() -> runtimeEvents(org, "erp") == 1);

    kustomization(org, "erp", false, status("main@sha1:0123abcd", WORKLOADS,
        condition("Ready", "True", "ReconciliationSucceeded", "Applied revision: main@sha1:0123abcd")));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, Object> row = row(org, "erp");
      assertThat(row.get("status")).isEqualTo("Running");
      assertThat(row.get("ready_pods")).isEqualTo(2);
      assertThat(row.get("desired_pods")).isEqualTo(2);
      assertThat(row.get("observed_commit")).isEqualTo("0123abcd");
    });
    assertThat(outboxData("application.status-changed.v1", "applications/" + org + "/erp"))
        .contains("\"status\":\"Running\"").contains("\"previousStatus\":\"Installing\"");

    kustomization(org, "erp", false, status("main@sha1:0123abcd", WORKLOADS,
        condition("Ready", "False", "HealthCheckFailed", "health check failed after 5m0s: timeout waiting for: "
            + "[Deployment/erp/worker status: 'InProgress']")));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, Object> row = row(org, "erp");
      assertThat(row.get("status")).isEqualTo("Degraded");
      assertThat(row.get("ready_pods")).isEqualTo(1);
      assertThat(row.get("desired_pods")).isEqualTo(2);
      assertThat((String) row.get("status_reason")).contains("Deployment/erp/worker");
    });

    kustomization(org, "erp", false, status("main@sha1:0123abcd", WORKLOADS,
        condition("Stalled", "True", "BuildFailed", "kustomize build failed: overlays/prod/values.yaml: invalid"),
        condition("Ready", "False", "BuildFailed", "kustomize build failed: overlays/prod/values.yaml: invalid")));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, Object> row = row(org, "erp");
      assertThat(row.get("status")).isEqualTo("Failed");
      assertThat(row.get("status_reason")).isEqualTo("BuildFailed: kustomize build failed: overlays/prod/values.yaml: invalid");
    });

    kustomization(org, "erp", true, status("main@sha1:0123abcd", WORKLOADS,
        condition("Ready", "True", "ReconciliationSucceeded", "Applied revision: main@sha1:0123abcd")));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(row(org, "erp").get("status")).isEqualTo("Paused"));
    assertThat(outboxData("application.status-changed.v1", "applications/" + org + "/erp"))
        .contains("\"status\":\"Paused\"").contains("\"previousStatus\":\"Failed\"");

    // Only on change: five cards, five events, however many polls ran and will run.
    long events = runtimeEvents(org, "erp");
    assertThat(events).isEqualTo(5);
    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(runtimeEvents(org, "erp")).isEqualTo(5);
    assertThat(row(org, "other-ns-app").get("status")).isEqualTo("Installing");
  }

  @Test
  void anotherSovereignsOrUnlabelledKustomizationsAreIgnoredAndAnUnreachableApiIsSurvived() throws Exception {
    GenericKubernetesResource flux = new GenericKubernetesResource();
    flux.setApiVersion("kustomize.toolkit.fluxcd.io/v1");
    flux.setKind("Kustomization");
    flux.setMetadata(new ObjectMetaBuilder().withName("flux-system").withNamespace("flux-system").build());
    flux.setAdditionalProperty("spec", Map.of("path", "./clusters/prod"));
    kube.genericKubernetesResources(KUSTOMIZATIONS).inNamespace("flux-system").resource(flux).create();
    assertThat(runtime.poll()).isZero();
    var request = server.getLastRequest();
    assertThat(request.getPath()).isEqualTo("/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/"
        + "kustomizations?labelSelector=openova.io%2Fapplication");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-token");

    KubernetesRuntime unreachable = new KubernetesRuntime(new KubernetesRuntime.Target(
        URI.create("http://localhost:1/"), null, null, List.of("flux-system"), "openova.io/application",
        Duration.ofMillis(100)), outbox, tx, Clock.systemUTC());
    unreachable.start(); // logs the problem once and keeps polling; never throws out of the scheduler
    unreachable.close();
  }
}
