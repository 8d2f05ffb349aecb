package io.catalyst.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The charts as an operator uses them: copied to {@code target/charts} (dependencies are packaged into each chart's
 * {@code charts/} there, never in the source tree), then linted and rendered by the Helm embedded in helm-java.
 */
final class Charts {

  static final Path SOURCE = Path.of("charts").toAbsolutePath();
  static final Path PRODUCTION_VALUES = Path.of("examples/production-values.yaml").toAbsolutePath();
  static final List<String> SERVICES = List.of("gateway", "identity-service", "catalog-service",
      "provisioning-service", "promotion-service", "billing-service", "audit-service");
  static final String UMBRELLA = "catalyst";

  private static final Path WORK = Path.of("target/charts").toAbsolutePath();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static boolean prepared;

  private Charts() {}

  /** The working copy of one chart, its file:// dependencies built (the library first, then the services). */
  static synchronized Path chart(String name) {
    if (!prepared) {
      copy(SOURCE, WORK);
      for (String service : SERVICES) {
        new Helm(WORK.resolve(service)).dependency().update().call();
      }
      new Helm(WORK.resolve(UMBRELLA)).dependency().update().call();
      prepared = true;
    }
    return WORK.resolve(name);
  }

  static LintResult lintStrict(String name) {
    return new Helm(chart(name)).lint().strict().call();
  }

  /** helm template of the umbrella chart with these values files and --set pairs. */
  static String template(List<Path> valuesFiles, Map<String, Object> sets) {
    var command = new Helm(chart(UMBRELLA)).template().withName("catalyst").withNamespace("catalyst");
    for (Path file : valuesFiles) {
      command = command.withValuesFile(file);
    }
    for (var e : sets.entrySet()) {
      command = command.set(e.getKey(), e.getValue());
    }
    return command.call();
  }

  static String templateDefaults() {
    return template(List.of(), Map.of());
  }

  static String templateProduction() {
    return template(List.of(PRODUCTION_VALUES), Map.of());
  }

  /** Every document of a rendered release, as the text Helm printed (comments kept), empty documents dropped. */
  static List<String> documents(String rendered) {
    List<String> docs = new ArrayList<>();
    for (String doc : rendered.split("(?m)^---\\s*$")) {
      boolean content = doc.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
      if (content) {
        docs.add(doc);
      }
    }
    return docs;
  }

  /** Every rendered document read into fabric8's Kubernetes model; a wrong type fails here. */
  static List<HasMetadata> resources(String rendered) {
    List<HasMetadata> out = new ArrayList<>();
    for (String doc : documents(rendered)) {
      KubernetesResource r = SERIALIZATION.unmarshal(doc);
      if (!(r instanceof HasMetadata m)) {
        throw new AssertionError("not a Kubernetes object: " + doc);
      }
      out.add(m);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> resources, Class<T> type) {
    return resources.stream().filter(type::isInstance).map(r -> (T) r).toList();
  }

  static Map<String, Object> yaml(String text) {
    return SERIALIZATION.unmarshal(text, Map.class);
  }

  private static void copy(Path from, Path to) {
    try {
      if (Files.exists(to)) {
        try (Stream<Path> walk = Files.walk(to)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path p : walk.toList()) {
          Path rel = from.relativize(p);
          // Built dependencies in a developer's source tree are not part of the charts.
          if (rel.getNameCount() > 1 && rel.getName(1).toString().equals("charts")
              || rel.getFileName().toString().equals("Chart.lock")) {
            continue;
          }
          Path target = to.resolve(rel.toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
