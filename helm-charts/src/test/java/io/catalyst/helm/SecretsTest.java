package io.catalyst.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.helm.RenderedManifestsTest.Release;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No secret value in values files, rendered ConfigMaps or environment literals; no Secret rendered at all. */
class SecretsTest {

  /** A name that holds a secret: the services' secret settings and the usual words for them. */
  static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|pepper|token|credential|private|jaas).*");

  /**
   * The secret environment variables the services read, with their local-stack defaults, taken from the services'
   * own configuration ({@code ${CATALYST_SERVICE_SECRET:local-service-secret}}), so a new one is checked too.
   */
  static Map<String, String> serviceSecrets() throws IOException {
    Pattern placeholder = Pattern.compile("\\$\\{(CATALYST_[A-Z_]*(?:SECRET|PEPPER)):([^}]+)}");
    Map<String, String> found = new java.util.TreeMap<>();
    List<Path> sources = new ArrayList<>();
    for (String service : Charts.SERVICES) {
      sources.add(Path.of("..", service, "src/main/resources/application.yaml"));
    }
    sources.add(Path.of("../platform/service-kit/src/main/java/io/catalyst/platform/web/ServiceKitDefaults.java"));
    for (Path p : sources) {
      Matcher m = placeholder.matcher(Files.readString(p));
      while (m.find()) {
        found.put(m.group(1), m.group(2));
      }
    }
    return found;
  }

  @Test
  void theServicesSecretSettingsAreKnown() throws IOException {
    assertThat(serviceSecrets()).containsKeys("CATALYST_SERVICE_SECRET", "CATALYST_IDENTITY_KEY_SECRET",
        "CATALYST_IDENTITY_OTP_PEPPER");
  }

  @ParameterizedTest
  @MethodSource("io.catalyst.helm.RenderedManifestsTest#releases")
  void noSecretIsRenderedAndEverySecretSettingComesFromASecretKeyRef(Release release) throws IOException {
    assertThat(release.resources()).noneMatch(r -> r.getKind().equals("Secret"));
    Set<String> secretsSet = new TreeSet<>();
    RenderedManifestsTest.pods(release).forEach((name, pod) -> {
      for (Container c : pod.getSpec().getContainers()) {
        for (EnvVar e : c.getEnv()) {
          // An address (the token endpoint's URI) or the JAAS line (checked below) is not a secret.
          if (SECRET_NAME.matcher(e.getName()).matches() && !e.getName().matches(".*(URI|URL|_JAAS_CONFIG)$")) {
            assertThat(e.getValue()).as("%s %s is a literal", name, e.getName()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef()).as("%s %s", name, e.getName()).isNotNull();
            secretsSet.add(e.getName());
          }
          if (e.getValue() != null && e.getValue().contains("password")) {
            assertThat(e.getValue()).as(name + " " + e.getName()).contains("password=\"$(");
          }
        }
      }
    });
    assertThat(secretsSet).contains("CATALYST_SERVICE_SECRET", "CATALYST_IDENTITY_KEY_SECRET",
        "CATALYST_IDENTITY_OTP_PEPPER", "SPRING_DATASOURCE_PASSWORD");
    for (String devDefault : serviceSecrets().values()) {
      assertThat(release.yaml()).as("a local-stack secret in the release").doesNotContain(devDefault);
    }
  }

  /** identity-service's mail and SMS passwords come from existing Secrets; the release holds no value of them. */
  @Test
  void identityMessagingSecretsAreSecretKeyRefs() throws IOException {
    Release production = RenderedManifestsTest.releases().toList().get(1);
    Map<String, EnvVar> env = new java.util.TreeMap<>();
    RenderedManifestsTest.pods(production).get("identity-service").getSpec().getContainers().getFirst().getEnv()
        .forEach(e -> env.put(e.getName(), e));
    assertThat(env.get("CATALYST_IDENTITY_MAIL_PROVIDER").getValue()).isEqualTo("smtp");
    assertThat(env.get("CATALYST_IDENTITY_SMS_PROVIDER").getValue()).isEqualTo("smpp");
    for (String name : List.of("CATALYST_IDENTITY_MAIL_PASSWORD", "CATALYST_IDENTITY_SMS_SMPP_PASSWORD")) {
      assertThat(env.get(name).getValue()).as(name).isNull();
      assertThat(env.get(name).getValueFrom().getSecretKeyRef().getName()).as(name).isEqualTo("catalyst-messaging");
    }
  }

  @ParameterizedTest
  @MethodSource("io.catalyst.helm.RenderedManifestsTest#releases")
  void configMapsHoldNoSecretSetting(Release release) throws IOException {
    List<String> forbidden = new ArrayList<>(serviceSecrets().keySet());
    serviceSecrets().values().forEach(forbidden::add);
    forbidden.addAll(List.of("service-secret", "encryption-secret", "pepper", "password", "client-secret",
        "SERVICE_SECRET", "KEY_SECRET"));
    for (ConfigMap cm : Charts.ofKind(release.resources(), ConfigMap.class)) {
      for (var e : cm.getData().entrySet()) {
        assertThat(SECRET_NAME.matcher(e.getKey()).matches()).as("%s key %s", cm.getMetadata().getName(), e.getKey())
            .isFalse();
        for (String word : forbidden) {
          assertThat(e.getValue().toLowerCase(Locale.ROOT)).as("%s %s", cm.getMetadata().getName(), e.getKey())
              .doesNotContain(word.toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  static Stream<Path> valuesFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(Charts.SOURCE, 2)) {
      walk.filter(p -> p.getFileName().toString().equals("values.yaml")).forEach(files::add);
    }
    files.add(Charts.PRODUCTION_VALUES);
    return files.stream();
  }

  /**
   * A key that names a secret may only say where it is: {@code existingSecret}, {@code secretName} or a
   * {@code ...Key} inside that Secret. A leaf like {@code password: s3cret} fails.
   */
  @ParameterizedTest
  @MethodSource("valuesFiles")
  void valuesFilesNameSecretsButNeverHoldThem(Path file) throws IOException {
    Map<String, Object> values = Charts.yaml(Files.readString(file));
    List<String> leaks = new ArrayList<>();
    scan(values, "", leaks);
    assertThat(leaks).as(file.toString()).isEmpty();
    String text = Files.readString(file);
    for (String devDefault : serviceSecrets().values()) {
      assertThat(text).as(file.toString()).doesNotContain(devDefault);
    }
  }

  private static void scan(Object node, String path, List<String> leaks) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        String key = String.valueOf(k);
        if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>) && SECRET_NAME.matcher(key).matches()
            && !key.equals("existingSecret") && !key.equals("secretName") && !key.endsWith("Key")) {
          leaks.add(path + key + "=" + v);
        }
        scan(v, path + key + ".", leaks);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(e -> scan(e, path, leaks));
    }
  }
}
