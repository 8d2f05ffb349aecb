package io.catalyst.catalog.resolve;

import io.catalyst.catalog.blueprint.Blueprint;
import io.catalyst.catalog.blueprint.BlueprintParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory catalog for resolver tests: {@code add("bp-a", "1.0.0", dep("bp-b", "^2"))}. */
final class TestCatalog implements BlueprintVersions {

  private final Map<String, List<Blueprint>> versions = new HashMap<>();
  private final BlueprintParser parser = new BlueprintParser();

  record Dep(String blueprint, String range, String when, String values) {}

  static Dep dep(String blueprint, String range) {
    return new Dep(blueprint, range, null, null);
  }

  static Dep dep(String blueprint, String range, String when) {
    return new Dep(blueprint, range, when, null);
  }

  static Dep depWithValues(String blueprint, String range, String values) {
    return new Dep(blueprint, range, null, values);
  }

  TestCatalog add(String name, String version, Dep... deps) {
    return add(name, version, "{type: object, properties: {mode: {type: string, default: embedded}, "
        + "database: {type: object, properties: {engine: {type: string, default: mariadb}, "
        + "name: {type: string}}}, domain: {type: string}}}", deps);
  }

  TestCatalog add(String name, String version, String configSchema, Dep... deps) {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: catalyst.openova.io/v1alpha1
        kind: Blueprint
        metadata: {name: %s}
        spec:
          version: %s
          card: {title: %s, summary: test, category: test}
          configSchema: %s
          manifests: {source: {kind: HelmChart, repository: https://charts.example.com, chart: x, version: 1.0.0}}
        """.formatted(name, version, name, configSchema));
    if (deps.length > 0) {
      yaml.append("  depends:\n");
      for (Dep d : deps) {
        yaml.append("    - {blueprint: ").append(d.blueprint()).append(", version: \"").append(d.range())
            .append("\"");
        if (d.when() != null) {
          yaml.append(", when: \"").append(d.when()).append("\"");
        }
        if (d.values() != null) {
          yaml.append(", values: ").append(d.values());
        }
        yaml.append("}\n");
      }
    }
    var result = parser.parse(yaml.toString().getBytes(StandardCharsets.UTF_8));
    if (!result.ok()) {
      throw new IllegalArgumentException(result.problems().toString());
    }
    versions.computeIfAbsent(name, k -> new ArrayList<>()).add(result.blueprint());
    return this;
  }

  TestCatalog deprecate(String name, String version) {
    List<Blueprint> list = versions.get(name);
    list.replaceAll(b -> b.version().toString().equals(version) ? parser.fromCanonical(b.document(), "old") : b);
    return this;
  }

  @Override
  public List<Blueprint> of(String name) {
    return versions.getOrDefault(name, List.of());
  }
}
