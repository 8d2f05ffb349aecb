package io.catalyst.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.helm.RenderedManifestsTest.Release;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.util.ModelMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered built-in object read through the official Kubernetes client's models, which are generated from the
 * Kubernetes OpenAPI document and refuse, when read from JSON, a missing required field, a field the schema does not
 * have and a wrong type. (No OpenAPI document and no kubeconform are available offline; this is the same schema.)
 */
class OpenApiModelTest {

  private static final JSON JSON = new JSON();

  static void validate(String documentYaml) {
    Map<String, Object> object = Charts.yaml(documentYaml);
    String apiVersion = (String) object.get("apiVersion");
    String kind = (String) object.get("kind");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    Class<?> type = ModelMapper.getApiTypeClass(group, version, kind);
    if (type == null) {
      throw new AssertionError("no OpenAPI model for " + apiVersion + " " + kind);
    }
    JSON.deserialize(JSON.serialize(object), type);
  }

  @ParameterizedTest
  @MethodSource("io.catalyst.helm.RenderedManifestsTest#releases")
  void everyBuiltInObjectValidatesAgainstTheKubernetesOpenApiModels(Release release) {
    int checked = 0;
    for (String doc : Charts.documents(release.yaml())) {
      if (doc.contains("kind: KafkaTopic")) {
        continue; // a Strimzi custom resource: checked in RenderedManifestsTest
      }
      validate(doc);
      checked++;
    }
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  void theCheckRefusesAnUnknownFieldAndAMissingRequiredField() {
    assertThatThrownBy(() -> validate("""
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: x}
        spec: {maxUnavailable: 1, minAvailabel: 1}
        """)).hasMessageContaining("minAvailabel");
    assertThatThrownBy(() -> validate("""
        apiVersion: v1
        kind: Service
        metadata: {name: x}
        spec: {ports: [{name: http}]}
        """)).hasMessageContaining("port");
  }
}
