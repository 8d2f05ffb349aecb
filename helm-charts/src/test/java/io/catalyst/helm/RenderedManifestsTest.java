package io.catalyst.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What an operator relies on in the rendered release, with the default values and with production-like values. */
class RenderedManifestsTest {

  record Release(String name, String yaml, List<HasMetadata> resources) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Release defaults;
  private static Release production;

  static synchronized Stream<Release> releases() {
    if (defaults == null) {
      String d = Charts.templateDefaults();
      String p = Charts.templateProduction();
      defaults = new Release("default values", d, Charts.resources(d));
      production = new Release("production-like values", p, Charts.resources(p));
    }
    return Stream.of(defaults, production);
  }

  /** Every workload's pod template, by name. */
  static Map<String, PodTemplateSpec> pods(Release release) {
    Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    Charts.ofKind(release.resources(), Deployment.class)
        .forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
    Charts.ofKind(release.resources(), StatefulSet.class)
        .forEach(s -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
    return pods;
  }

  @ParameterizedTest
  @MethodSource("releases")
  void everyManifestIsAKubernetesObjectWithoutUnknownFields(Release release) {
    assertThat(Charts.documents(release.yaml())).hasSameSizeAs(release.resources());
    for (HasMetadata r : release.resources()) {
      assertThat(StrictModel.unknownFields(r)).as("%s %s", r.getKind(), r.getMetadata().getName()).isEmpty();
      if (r instanceof GenericKubernetesResource g) {
        // The only custom resource is Strimzi's KafkaTopic (spec as in Strimzi's CRD).
        assertThat(g.getKind()).isEqualTo("KafkaTopic");
        assertThat(g.getAdditionalProperties()).containsOnlyKeys("spec");
        assertThat(((Map<?, ?>) g.getAdditionalProperties().get("spec")).keySet()).map(String::valueOf).isSubsetOf("topicName", "partitions",
            "replicas", "config");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("releases")
  void everyServiceRunsAsAWorkloadOfItsOwn(Release release) {
    assertThat(pods(release)).containsOnlyKeys(Charts.SERVICES);
    assertThat(Charts.ofKind(release.resources(), Service.class)).extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(Charts.SERVICES);
  }

  @ParameterizedTest
  @MethodSource("releases")
  void everyContainerHasTheThreeProbesLimitsAndARestrictedSecurityContext(Release release) {
    pods(release).forEach((name, pod) -> {
      PodSpec spec = pod.getSpec();
      assertThat(spec.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
      assertThat(spec.getContainers()).as(name).isNotEmpty();
      for (Container c : spec.getContainers()) {
        String at = name + "/" + c.getName();
        assertProbe(at, c.getStartupProbe(), "/actuator/health/liveness");
        assertProbe(at, c.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(at, c.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(c.getResources().getLimits()).as(at).containsKeys("cpu", "memory");
        assertThat(c.getResources().getRequests()).as(at).containsKeys("cpu", "memory");
        var sc = c.getSecurityContext();
        assertThat(sc.getRunAsNonRoot()).as(at).isTrue();
        assertThat(sc.getReadOnlyRootFilesystem()).as(at).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).as(at).isFalse();
        assertThat(sc.getCapabilities().getDrop()).as(at).contains("ALL");
        // A read-only root needs a writable /tmp (Tomcat, the JDK) backed by an emptyDir.
        String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
            .findFirst().orElseThrow(() -> new AssertionError(at + " has no /tmp mount")).getName();
        assertThat(spec.getVolumes()).as(at)
            .anyMatch(v -> v.getName().equals(tmpVolume) && v.getEmptyDir() != null);
      }
    });
  }

  private static void assertProbe(String at, Probe probe, String path) {
    assertThat(probe).as(at).isNotNull();
    assertThat(probe.getHttpGet().getPath()).as(at).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).as(at).isEqualTo("http");
  }

  @ParameterizedTest
  @MethodSource("releases")
  void everyWorkloadHasAPodDisruptionBudgetSelectingItsPods(Release release) {
    List<PodDisruptionBudget> pdbs = Charts.ofKind(release.resources(), PodDisruptionBudget.class);
    pods(release).forEach((name, pod) -> assertThat(pdbs).as(name).filteredOn(pdb ->
            pod.getMetadata().getLabels().entrySet()
                .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()))
        .hasSize(1));
  }

  @ParameterizedTest
  @MethodSource("releases")
  void servicesRunTheKubernetesProfileOnEveryInterfaceWithTheSovereignSettingsMounted(Release release) {
    pods(release).forEach((name, pod) -> {
      Map<String, EnvVar> env = env(pod.getSpec().getContainers().getFirst());
      assertThat(env.get("SPRING_PROFILES_ACTIVE").getValue()).as(name).isEqualTo("kubernetes");
      assertThat(env.get("CATALYST_SERVER_ADDRESS").getValue()).as(name).isEqualTo("0.0.0.0");
      // Every service imports ${CATALYST_HOME}/config/sovereign.yaml; the ConfigMap is mounted there.
      assertThat(env.get("CATALYST_HOME").getValue()).isEqualTo("/etc/catalyst");
      String volume = pod.getSpec().getContainers().getFirst().getVolumeMounts().stream()
          .filter(m -> m.getMountPath().equals("/etc/catalyst/config")).findFirst().orElseThrow().getName();
      var cm = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(volume)).findFirst()
          .orElseThrow().getConfigMap();
      assertThat(cm.getName()).isEqualTo("catalyst-sovereign");
      assertThat(cm.getItems()).singleElement().satisfies(i -> assertThat(i.getPath()).isEqualTo("sovereign.yaml"));
    });
    assertThat(Charts.ofKind(release.resources(), ConfigMap.class))
        .anyMatch(c -> c.getMetadata().getName().equals("catalyst-sovereign")
            && c.getData().get("application.yaml").contains("public-url:"));
  }

  private static final Pattern SERVICE_URL = Pattern.compile("^http://([a-z-]+):(\\d+)(/.*)?$");

  /** Every URL the chart hands a service names a Service of the release, on the port that Service exposes. */
  @ParameterizedTest
  @MethodSource("releases")
  void serviceUrlsPointAtServicesOfTheRelease(Release release) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    Charts.ofKind(release.resources(), Service.class)
        .forEach(s -> ports.put(s.getMetadata().getName(), s.getSpec().getPorts().getFirst().getPort()));
    int urls = 0;
    for (var pod : pods(release).entrySet()) {
      for (EnvVar e : pod.getValue().getSpec().getContainers().getFirst().getEnv()) {
        Matcher m = e.getValue() == null ? null : SERVICE_URL.matcher(e.getValue());
        if (m != null && m.matches()) {
          urls++;
          assertThat(ports).as("%s %s", pod.getKey(), e.getName()).containsEntry(m.group(1),
              Integer.parseInt(m.group(2)));
        }
      }
    }
    assertThat(urls).isGreaterThan(20);
    Map<String, EnvVar> provisioning = env(pods(release).get("provisioning-service").getSpec().getContainers()
        .getFirst());
    assertThat(provisioning.get("CATALYST_PROVISIONING_CATALOGURL").getValue()).isEqualTo("http://catalog-service:8082");
    Map<String, EnvVar> catalog = env(pods(release).get("catalog-service").getSpec().getContainers().getFirst());
    assertThat(catalog.get("CATALYST_CATALOG_SOURCES_0_URL").getValue())
        .isEqualTo("http://provisioning-service:8083/git/catalog/blueprints.git");
  }

  /** The way in: the Ingress sends the Sovereign's host to the gateway; the issuer is that public URL. */
  @Test
  void theIngressLeadsToTheGatewayAndThePublicUrlIsTheIssuer() {
    releases().toList();
    var ingress = Charts.ofKind(production.resources(), io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
    assertThat(ingress).singleElement().satisfies(i -> {
      assertThat(i.getSpec().getRules()).singleElement().satisfies(r -> {
        assertThat(r.getHost()).isEqualTo("catalyst.omantel.example");
        var backend = r.getHttp().getPaths().getFirst().getBackend().getService();
        assertThat(backend.getName()).isEqualTo("gateway");
        assertThat(backend.getPort().getName()).isEqualTo("http");
      });
      assertThat(i.getSpec().getTls()).singleElement()
          .satisfies(t -> assertThat(t.getSecretName()).isEqualTo("catalyst-omantel-tls"));
      assertThat(i.getSpec().getIngressClassName()).isEqualTo("nginx");
    });
    String sovereign = Charts.ofKind(defaults.resources(), ConfigMap.class).getFirst().getData().get("application.yaml");
    // Without global.oidc.issuerUrl the issuer is https://<ingress host>.
    assertThat(sovereign).contains("public-url: \"https://catalyst.example.com\"");
  }

  /** Pods carry a digest of the Sovereign settings: changing one (here the currency) rolls every service. */
  @Test
  void aChangedSovereignSettingRollsEveryPod() {
    releases().toList();
    String changed = Charts.template(List.of(Charts.PRODUCTION_VALUES), Map.of("global.sovereign.currency", "USD"));
    Release after = new Release("currency changed", changed, Charts.resources(changed));
    Map<String, PodTemplateSpec> before = pods(production);
    pods(after).forEach((name, pod) -> {
      String digest = pod.getMetadata().getAnnotations().get("checksum/sovereign");
      assertThat(digest).as(name).isNotBlank()
          .isNotEqualTo(before.get(name).getMetadata().getAnnotations().get("checksum/sovereign"));
    });
    assertThat(Charts.ofKind(after.resources(), ConfigMap.class).getFirst().getData().get("application.yaml"))
        .contains("currency: \"USD\"");
  }

  /** An HPA scales an existing Deployment that leaves its replica count to it (helm upgrade would reset it). */
  @Test
  void autoscalersTargetDeploymentsThatLeaveReplicasToThem() {
    releases().toList();
    var hpas = Charts.ofKind(production.resources(),
        io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
    assertThat(hpas).extracting(h -> h.getMetadata().getName())
        .containsExactlyInAnyOrder("catalog-service", "audit-service");
    for (var hpa : hpas) {
      Deployment target = Charts.ofKind(production.resources(), Deployment.class).stream()
          .filter(d -> d.getMetadata().getName().equals(hpa.getSpec().getScaleTargetRef().getName()))
          .findFirst().orElseThrow();
      assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
      assertThat(target.getSpec().getReplicas()).as(target.getMetadata().getName()).isNull();
    }
  }

  @Test
  void provisioningIsOneStatefulSetReplicaWithAPersistentVolumeForItsRepositories() {
    for (Release release : releases().toList()) {
      StatefulSet sts = Charts.ofKind(release.resources(), StatefulSet.class).stream()
          .filter(s -> s.getMetadata().getName().equals("provisioning-service")).findFirst().orElseThrow();
      assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
      assertThat(sts.getSpec().getVolumeClaimTemplates()).singleElement()
          .satisfies(pvc -> assertThat(pvc.getMetadata().getName()).isEqualTo("data"));
      var c = sts.getSpec().getTemplate().getSpec().getContainers().getFirst();
      assertThat(c.getVolumeMounts()).anyMatch(m -> m.getName().equals("data")
          && m.getMountPath().equals(env(c).get("CATALYST_DATA").getValue()));
      assertThat(Charts.ofKind(release.resources(), Deployment.class))
          .noneMatch(d -> d.getMetadata().getName().equals("provisioning-service"));
      assertThat(release.resources()).noneMatch(r -> r.getKind().equals("HorizontalPodAutoscaler")
          && r.getMetadata().getName().equals("provisioning-service"));
    }
  }

  @Test
  void kafkaTopicsAreStrimziResourcesForEveryServiceTopicAndItsDeadLetterTopic() {
    releases().toList();
    assertThat(defaults.resources()).noneMatch(r -> r.getKind().equals("KafkaTopic"));
    List<GenericKubernetesResource> topics = production.resources().stream()
        .filter(r -> r.getKind().equals("KafkaTopic")).map(GenericKubernetesResource.class::cast).toList();
    Map<String, Map<?, ?>> byTopic = new LinkedHashMap<>();
    topics.forEach(t -> {
      Map<?, ?> spec = (Map<?, ?>) t.getAdditionalProperties().get("spec");
      byTopic.put((String) spec.get("topicName"), spec);
      assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "omantel");
    });
    for (String service : List.of("identity", "catalog", "provisioning", "promotion", "billing", "runtime")) {
      String topic = "catalyst." + service + ".v1";
      assertThat(byTopic).containsKeys(topic, topic + ".DLT");
      assertThat(byTopic.get(topic).get("partitions")).isEqualTo(24);
      assertThat(byTopic.get(topic).get("replicas")).isEqualTo(3);
      assertThat(byTopic.get(topic + ".DLT").get("replicas")).isEqualTo(3);
    }
  }

  @Test
  void productionValuesTurnOnKafkaSaslOverTlsWithCredentialsFromASecret() {
    releases().toList();
    Map<String, EnvVar> env = env(pods(production).get("billing-service").getSpec().getContainers().getFirst());
    assertThat(env.get("SPRING_KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
    assertThat(env.get("CATALYST_KAFKA_PASSWORD").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("catalyst-kafka-user");
    // Kubernetes expands $(VAR) from earlier variables: the JAAS line carries a reference, never the password.
    assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").getValue())
        .contains("password=\"$(CATALYST_KAFKA_PASSWORD)\"");
    Map<String, EnvVar> audit = env(pods(production).get("audit-service").getSpec().getContainers().getFirst());
    assertThat(audit.get("SPRING_FLYWAY_USER").getValueFrom().getSecretKeyRef().getName()).isEqualTo("audit-db-owner");
    assertThat(audit.get("SPRING_DATASOURCE_USERNAME").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("audit-db-app");
  }

  static Map<String, EnvVar> env(Container c) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    c.getEnv().forEach(e -> {
      if (env.put(e.getName(), e) != null) {
        throw new AssertionError(c.getName() + " sets " + e.getName() + " twice");
      }
    });
    return env;
  }

  static Stream<Arguments> releaseArguments() {
    return releases().map(Arguments::of);
  }
}
