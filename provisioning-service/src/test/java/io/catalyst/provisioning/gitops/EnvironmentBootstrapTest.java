package io.catalyst.provisioning.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.provisioning.support.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentBootstrapTest {

  private final EnvironmentName env = EnvironmentName.of("bank-dhofar", EnvironmentType.STG);

  @Test
  void everyFileIsAManifestAndTheKustomizationListsThemAll() {
    Map<String, String> files = EnvironmentBootstrap.files(env, "omantel", List.of("fsn", "nbg"));
    assertThat(files.keySet()).containsExactlyInAnyOrder("environments/bank-dhofar-stg/kustomization.yaml",
        "environments/bank-dhofar-stg/environment.yaml", "environments/bank-dhofar-stg/namespace.yaml",
        "environments/bank-dhofar-stg/vcluster.yaml");
    files.forEach(Manifests::load);

    Map<String, Object> kustomization = Manifests.load("k", files.get("environments/bank-dhofar-stg/kustomization.yaml")).getFirst();
    assertThat(kustomization.get("resources")).isEqualTo(List.of("environment.yaml", "namespace.yaml", "vcluster.yaml"));
    Map<String, Object> environment = Manifests.load("e", files.get("environments/bank-dhofar-stg/environment.yaml")).getFirst();
    assertThat(environment.get("spec")).isEqualTo(Map.of("organization", "bank-dhofar", "envType", "stg",
        "branch", "staging", "placement", Map.of("mode", "multi-region", "regions", List.of("fsn", "nbg"))));
    Map<String, Object> vcluster = Manifests.load("v", files.get("environments/bank-dhofar-stg/vcluster.yaml")).getFirst();
    assertThat(vcluster.get("kind")).isEqualTo("HelmRelease");
    assertThat(vcluster.get("metadata")).isEqualTo(Map.of("name", "bank-dhofar", "namespace", "bank-dhofar",
        "labels", Map.of("app.kubernetes.io/managed-by", "catalyst", "openova.io/sovereign", "omantel",
            "openova.io/organization", "bank-dhofar", "openova.io/environment", "bank-dhofar-stg",
            "openova.io/env-type", "stg")));
  }

  @Test
  void anApplicationsFluxObjectsWatchTheEnvironmentsBranchAndWaitForDependencies() {
    List<Map<String, Object>> docs = Manifests.load("app", ApplicationSources.manifest(env, "pharmacy",
        "http://provisioning:8083/git", List.of("pharmacy-postgres", "pharmacy-redis")));
    assertThat(docs).extracting(d -> d.get("kind")).containsExactly("GitRepository", "Kustomization");
    @SuppressWarnings("unchecked") Map<String, Object> source = (Map<String, Object>) docs.get(0).get("spec");
    assertThat(source).containsEntry("url", "http://provisioning:8083/git/bank-dhofar/pharmacy.git")
        .containsEntry("ref", Map.of("branch", "staging"));
    @SuppressWarnings("unchecked") Map<String, Object> kustomization = (Map<String, Object>) docs.get(1).get("spec");
    assertThat(kustomization).containsEntry("path", "./overlays/stg").containsEntry("dependsOn",
        List.of(Map.of("name", "pharmacy-postgres"), Map.of("name", "pharmacy-redis")));
    assertThat(ApplicationSources.path(env, "pharmacy")).isEqualTo("environments/bank-dhofar-stg/applications/pharmacy.yaml");
  }
}
