package io.catalyst.provisioning.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.common.KubernetesObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks generated manifests. Kinds the Kubernetes client knows (Namespace, ConfigMap, …) go through its YAML
 * loader, which refuses unknown fields and wrong types. Custom resources (Flux, vcluster, ExternalSecret, Catalyst)
 * and kustomize files have no model in the client: they are parsed as YAML and checked for apiVersion, kind and
 * metadata.name (and what the test asserts itself).
 */
public final class Manifests {

  private static final Set<String> CUSTOM = Set.of("kustomize.config.k8s.io/v1beta1", "helm.toolkit.fluxcd.io/v2",
      "source.toolkit.fluxcd.io/v1", "kustomize.toolkit.fluxcd.io/v1", "catalyst.openova.io/v1alpha1",
      "external-secrets.io/v1");

  /** Every document of {@code yaml}, checked; returns them as maps. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> load(String path, String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yaml)) {
      assertThat(doc).as(path + " is a YAML mapping").isInstanceOf(Map.class);
      Map<String, Object> map = (Map<String, Object>) doc;
      String apiVersion = (String) map.get("apiVersion");
      String kind = (String) map.get("kind");
      assertThat(apiVersion).as(path + " apiVersion").isNotBlank();
      assertThat(kind).as(path + " kind").isNotBlank();
      if (!"kustomize.config.k8s.io/v1beta1".equals(apiVersion)) {
        assertThat(map.get("metadata")).as(path + " metadata").isInstanceOf(Map.class);
        assertThat(((Map<String, Object>) map.get("metadata")).get("name")).as(path + " metadata.name").isNotNull();
      }
      if (!CUSTOM.contains(apiVersion)) {
        try {
          Object typed = io.kubernetes.client.util.Yaml.load(new Yaml().dump(map));
          assertThat(typed).as(path + " loads as a Kubernetes object").isInstanceOf(KubernetesObject.class);
          assertThat(((KubernetesObject) typed).getKind()).isEqualTo(kind);
        } catch (IOException e) {
          throw new UncheckedIOException(path, e);
        }
      }
      documents.add(map);
    }
    return documents;
  }

  private Manifests() {}
}
