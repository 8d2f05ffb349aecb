package io.catalyst.provisioning.install;

import io.catalyst.catalog.contract.CatalogApi;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.provisioning.billing.BillingClient;
import io.catalyst.provisioning.environment.EnvironmentName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns catalog-service's flattened dependency tree into an {@link InstallPlan}: which Applications to create and
 * what they are called, which dependencies existing Applications serve, the edges between them. No I/O.
 *
 * <ul>
 *   <li>The requested Blueprint becomes the Application {@code name}; a composite one (a bundle) gets no Application
 *       of its own, its members do.
 *   <li>A dependency is called {@code {dependent}-{alias}} after the dependent closest to the root (a Blueprint
 *       shared by several dependents is one Application): {@code pharmacy-db}, {@code pharmacy-shop-site}.
 *   <li>A choice names a dependency by its alias path (the part after {@code {name}-}, e.g. {@code db},
 *       {@code shop-site}) or its Blueprint, and says {@code new} or the existing Application to reuse; what only
 *       a reused Application needed is not installed.
 * </ul>
 */
public final class InstallPlanner {

  /** Categories whose Applications are backing services (their own section, "used by"). */
  static final Set<String> BACKING_CATEGORIES = Set.of("database", "cache", "storage", "mail", "email");
  public static final String NEW = "new";

  /** An Application of the Organization that may serve a dependency. */
  public record Existing(String application, String environment, String blueprint, String version) {}

  /** What the user asked for. */
  public record Request(EnvironmentName environment, String sovereignDomain, String name, Map<String, String> choices,
      List<String> branches, String team) {}

  private InstallPlanner() {}

  public static InstallPlan plan(Request request, CatalogApi.Resolution resolution, Map<String, Object> rootConfig,
      Map<String, CatalogApi.Detail> details, Map<String, Existing> existing) {
    List<CatalogApi.Node> nodes = resolution.nodes();
    CatalogApi.Node root = nodes.getLast();
    Map<String, CatalogApi.Node> byBlueprint = new LinkedHashMap<>();
    nodes.forEach(n -> byBlueprint.put(n.blueprint(), n));

    // Names: dependents come after their dependencies, so walk backwards from the root.
    Map<String, String> nameOf = new HashMap<>();
    Map<String, String> pathOf = new HashMap<>();
    nameOf.put(root.blueprint(), request.name());
    for (int i = nodes.size() - 2; i >= 0; i--) {
      CatalogApi.Node node = nodes.get(i);
      CatalogApi.Requirement primary = node.requiredBy().stream()
          .filter(r -> nameOf.containsKey(r.blueprint()))
          .min(Comparator.comparingInt((CatalogApi.Requirement r) -> byBlueprint.get(r.blueprint()).depth()))
          .orElseThrow(() -> new IllegalStateException("Resolution is not in install order at " + node.blueprint()));
      String parentPath = pathOf.get(primary.blueprint());
      String alias = primary.alias() != null ? primary.alias() : node.blueprint().substring(3);
      pathOf.put(node.blueprint(), parentPath == null ? alias : parentPath + "-" + alias);
      nameOf.put(node.blueprint(), nameOf.get(primary.blueprint()) + "-" + alias);
    }

    // Choices: which dependencies existing Applications serve.
    Map<String, Existing> reusedBy = new LinkedHashMap<>();
    List<FieldProblem> choiceProblems = new ArrayList<>();
    for (var choice : new TreeMap<>(request.choices()).entrySet()) {
      CatalogApi.Node node = nodes.subList(0, nodes.size() - 1).stream()
          .filter(n -> choice.getKey().equals(pathOf.get(n.blueprint())) || choice.getKey().equals(n.blueprint()))
          .findFirst().orElse(null);
      String pointer = "/choices/" + choice.getKey().replace("~", "~0").replace("/", "~1");
      if (node == null) {
        choiceProblems.add(FieldProblem.pointer(pointer, "is not a dependency of this install; its dependencies are "
            + String.join(", ", nodes.subList(0, nodes.size() - 1).stream().map(n -> pathOf.get(n.blueprint())).toList())));
        continue;
      }
      String value = choice.getValue();
      if (value == null || value.isBlank() || NEW.equals(value)) {
        continue;
      }
      Existing app = existing.get(value);
      if (app == null || !app.environment().equals(request.environment().toString())) {
        choiceProblems.add(FieldProblem.pointer(pointer, "names no Application in " + request.environment()
            + "; say \"new\" or name an Application of " + node.blueprint() + " installed there"));
      } else if (!app.blueprint().equals(node.blueprint())) {
        choiceProblems.add(FieldProblem.pointer(pointer, value + " runs " + app.blueprint() + ", not "
            + node.blueprint()));
      } else if (node.satisfiedBy() == null || node.satisfiedBy().stream()
          .noneMatch(s -> s.application().equals(value))) {
        choiceProblems.add(FieldProblem.pointer(pointer, value + " runs " + app.blueprint() + " " + app.version()
            + ", outside what " + ranges(node) + "; choose \"new\" or upgrade " + value + " first"));
      } else {
        reusedBy.put(node.blueprint(), app);
      }
    }
    if (!choiceProblems.isEmpty()) {
      throw ProblemException.invalid("Some choices cannot be applied; fix them below.", choiceProblems);
    }

    // What to install: everything the root reaches, not through a reused Application.
    Set<String> needed = new LinkedHashSet<>();
    collect(root.blueprint(), byBlueprint, reusedBy, needed);
    boolean rootComposite = isComposite(details.get(root.blueprint()));

    // User-facing: the root, and members of a composite the user asked for (recursively); the rest backs them.
    Set<String> requested = new LinkedHashSet<>();
    requested.add(root.blueprint());
    for (int i = nodes.size() - 1; i >= 0; i--) {
      CatalogApi.Node node = nodes.get(i);
      if (requested.contains(node.blueprint()) && isComposite(details.get(node.blueprint()))) {
        node.dependsOn().forEach(requested::add);
      }
    }

    List<InstallPlan.PlannedApplication> applications = new ArrayList<>();
    List<InstallPlan.Edge> edges = new ArrayList<>();
    List<FieldProblem> nameProblems = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (CatalogApi.Node node : nodes) {
      CatalogApi.Detail detail = details.get(node.blueprint());
      if (!needed.contains(node.blueprint()) || reusedBy.containsKey(node.blueprint()) || isComposite(detail)) {
        continue;
      }
      String name = nameOf.get(node.blueprint());
      String problem = ApplicationName.problem(name);
      if (problem != null || !seen.add(name)) {
        nameProblems.add(FieldProblem.field("name", "gives " + node.blueprint() + " the Application name " + name
            + ", which " + (problem != null ? problem : "is taken by another Application of this install")
            + "; choose a shorter name"));
        continue;
      }
      List<String> dependsOn = new ArrayList<>(targets(node, byBlueprint, details, reusedBy, nameOf));
      dependsOn.forEach(d -> edges.add(new InstallPlan.Edge(name, d)));
      String category = detail == null ? null : detail.category();
      boolean backing = (category != null && BACKING_CATEGORIES.contains(category))
          || !requested.contains(node.blueprint());
      List<String> secretKeys = secretKeys(detail);
      Map<String, Object> values = node == root ? rootConfig : node.config();
      values = ValueTemplates.render(values == null ? Map.of() : values, Map.of(
          "application.name", name, "environment.name", request.environment().toString(),
          "organization.name", request.environment().organization()));
      values = withoutKeys(values, secretKeys);
      applications.add(new InstallPlan.PlannedApplication(name, node.blueprint(), node.version(),
          detail == null ? null : detail.digest(), category, node == root ? null : pathOf.get(node.blueprint()),
          backing, request.environment().organization() + "/" + name, request.branches(),
          name + "." + request.environment() + "." + request.sovereignDomain(), dependsOn, values, secretKeys));
    }
    if (!nameProblems.isEmpty()) {
      throw ProblemException.invalid("The Application name does not leave room for the names of its dependencies.",
          nameProblems);
    }
    List<InstallPlan.ReusedApplication> reused = reusedBy.entrySet().stream()
        .filter(e -> needed.contains(e.getKey()))
        .map(e -> new InstallPlan.ReusedApplication(pathOf.get(e.getKey()), e.getKey(), e.getValue().application(),
            e.getValue().version())).toList();
    List<String> warnings = new ArrayList<>(resolution.warnings() == null ? List.of() : resolution.warnings());
    nodes.stream().filter(n -> n.deprecation() != null && needed.contains(n.blueprint()))
        .forEach(n -> warnings.add(n.blueprint() + " " + n.version() + " is deprecated: " + n.deprecation()));
    return new InstallPlan(null, request.environment().organization(), request.environment().toString(),
        request.name(), root.blueprint(), root.version(), rootComposite, applications, reused, edges,
        BillingClient.Quote.unavailable(), warnings, request.team(), null);
  }

  private static void collect(String blueprint, Map<String, CatalogApi.Node> byBlueprint,
      Map<String, Existing> reused, Set<String> needed) {
    if (!needed.add(blueprint) || reused.containsKey(blueprint)) {
      return;
    }
    CatalogApi.Node node = byBlueprint.get(blueprint);
    if (node != null && node.dependsOn() != null) {
      node.dependsOn().forEach(d -> collect(d, byBlueprint, reused, needed));
    }
  }

  /** The Applications {@code node} waits for: a composite dependency stands for its members. */
  private static Set<String> targets(CatalogApi.Node node, Map<String, CatalogApi.Node> byBlueprint,
      Map<String, CatalogApi.Detail> details, Map<String, Existing> reused, Map<String, String> nameOf) {
    Set<String> out = new LinkedHashSet<>();
    for (String dep : node.dependsOn() == null ? List.<String>of() : node.dependsOn()) {
      if (reused.containsKey(dep)) {
        out.add(reused.get(dep).application());
      } else if (isComposite(details.get(dep)) && byBlueprint.containsKey(dep)) {
        out.addAll(targets(byBlueprint.get(dep), byBlueprint, details, reused, nameOf));
      } else {
        out.add(nameOf.get(dep));
      }
    }
    return out;
  }

  static boolean isComposite(CatalogApi.Detail detail) {
    return detail != null && "composite".equals(detail.category());
  }

  @SuppressWarnings("unchecked")
  static List<String> secretKeys(CatalogApi.Detail detail) {
    if (detail == null || detail.configSchema() == null
        || !(detail.configSchema().get("properties") instanceof Map<?, ?> properties)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    ((Map<String, Object>) properties).forEach((key, schema) -> {
      if (schema instanceof Map<?, ?> s && "password".equals(s.get("x-catalyst-ui-hint"))) {
        keys.add(key);
      }
    });
    return keys.stream().sorted().toList();
  }

  private static Map<String, Object> withoutKeys(Map<String, Object> values, List<String> keys) {
    if (keys.isEmpty()) {
      return values;
    }
    Map<String, Object> copy = new LinkedHashMap<>(values);
    keys.forEach(copy::remove);
    return copy;
  }

  private static String ranges(CatalogApi.Node node) {
    return String.join(" and ", node.requiredBy().stream()
        .map(r -> r.blueprint() + " requires (" + r.range() + ")").toList());
  }
}
