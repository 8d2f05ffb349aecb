package io.catalyst.catalog.resolve;

import io.catalyst.catalog.blueprint.Blueprint;
import io.catalyst.catalog.blueprint.ConfigSchemas;
import io.catalyst.platform.core.semver.Version;
import io.catalyst.platform.core.semver.VersionRange;
import io.catalyst.catalog.resolve.Resolution.Node;
import io.catalyst.catalog.resolve.Resolution.Problem;
import io.catalyst.catalog.resolve.Resolution.Requirement;
import io.catalyst.catalog.resolve.Resolution.Skipped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Flattens a Blueprint's dependency tree (DOMAIN.md §1.7.3). One Blueprint appears once in the result — the
 * Applications of one install share it — so every range on it must be met by one version: the highest published
 * version inside all of them (deprecated versions only when nothing else fits). The values its dependents pass down
 * are merged: objects deeply, lists by union (each dependent adds its database to a shared PostgreSQL), and a scalar
 * set differently by two dependents is reported as a warning. {@code when} conditions are evaluated
 * over each dependent's config (its configSchema defaults plus the values passed down to it), and since a picked
 * version can change what its dependents pass down, resolution repeats until nothing changes.
 *
 * <p>Reports, in words a user can act on: a Blueprint nobody publishes, a range no version meets, ranges that
 * cannot be met together, and cycles.
 */
public final class DependencyResolver {

  private static final int MAX_ROUNDS = 64;
  private static final int MAX_NODES = 500;
  private static final String YOU = "your request";

  private final BlueprintVersions catalog;

  public DependencyResolver(BlueprintVersions catalog) {
    this.catalog = catalog;
  }

  public Resolution resolve(String root, VersionRange range, JsonNode config, List<ExistingApplication> existing) {
    return new Run(root, existing == null ? List.of() : existing).resolve(range,
        config != null && config.isObject() ? (ObjectNode) config : JsonNodeFactory.instance.objectNode());
  }

  private record Constraint(VersionRange range, String requirer, String requirerVersion, String alias,
      List<String> path) {}

  private record Incoming(String requirer, ObjectNode values) {}

  private final class Run {
    private final String root;
    private final List<ExistingApplication> existing;
    private final Map<String, List<Blueprint>> versions = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    Run(String root, List<ExistingApplication> existing) {
      this.root = root;
      this.existing = existing;
    }

    Resolution resolve(VersionRange range, ObjectNode config) {
      Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
      Map<String, List<Incoming>> incoming = new LinkedHashMap<>();
      constraints.put(root, List.of(new Constraint(range, YOU, null, null, List.of())));
      incoming.put(root, List.of(new Incoming(YOU, config)));

      for (int round = 0; round < MAX_ROUNDS; round++) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Blueprint> picked = new LinkedHashMap<>();
        for (Map.Entry<String, List<Constraint>> e : constraints.entrySet()) {
          Blueprint b = pick(e.getKey(), e.getValue(), problems);
          if (b != null) {
            picked.put(e.getKey(), b);
          }
        }
        if (!problems.isEmpty()) {
          return new Resolution(List.of(), List.of(), problems, List.copyOf(warnings));
        }
        Walk walk = new Walk(picked, incoming);
        walk.visit(root, new ArrayDeque<>());
        if (!walk.problems.isEmpty()) {
          return new Resolution(List.of(), List.copyOf(walk.skipped), walk.problems, List.copyOf(warnings));
        }
        walk.constraints.put(root, constraints.get(root));
        walk.incoming.put(root, incoming.get(root));
        if (walk.constraints.equals(constraints) && walk.incoming.equals(incoming)) {
          return walk.result();
        }
        constraints = walk.constraints;
        incoming = walk.incoming;
      }
      return new Resolution(List.of(), List.of(), List.of(new Problem(Problem.Kind.UNSETTLED, root,
          "The dependency conditions of " + root + " do not settle: picking versions keeps changing which "
              + "dependencies apply. Pin the dependency versions (exact ranges) in the Blueprints involved.",
          List.of())), List.copyOf(warnings));
    }

    private List<Blueprint> versionsOf(String name) {
      return versions.computeIfAbsent(name, n -> catalog.of(n).stream()
          .sorted(Comparator.comparing(Blueprint::version).reversed()).toList());
    }

    private Blueprint pick(String name, List<Constraint> wanted, List<Problem> problems) {
      List<Blueprint> all = versionsOf(name);
      List<String> path = wanted.getFirst().path();
      if (all.isEmpty()) {
        problems.add(new Problem(Problem.Kind.NOT_FOUND, name, name + " is not published in any catalog your "
            + "Organization can see (required by " + describe(wanted) + "). Check the name, or publish it to your "
            + "Organization's shared-blueprints repository.", path));
        return null;
      }
      List<Blueprint> fitting = all.stream()
          .filter(b -> wanted.stream().allMatch(c -> c.range().isSatisfiedBy(b.version()))).toList();
      if (fitting.isEmpty()) {
        String published = all.reversed().stream().map(b -> b.version().toString()).collect(Collectors.joining(", "));
        List<Constraint> impossible = wanted.stream()
            .filter(c -> all.stream().noneMatch(b -> c.range().isSatisfiedBy(b.version()))).toList();
        if (!impossible.isEmpty()) {
          Constraint c = impossible.getFirst();
          problems.add(new Problem(Problem.Kind.NO_MATCHING_VERSION, name, "No published version of " + name
              + " matches " + c.range() + " (required by " + describe(List.of(c)) + "). Published versions: "
              + published + ". Change the range to include one of them, or publish a matching version.",
              c.path()));
        } else {
          problems.add(new Problem(Problem.Kind.CONFLICT, name, name + " is required in versions that cannot be "
              + "met together: " + describe(wanted) + ". No published version (" + published + ") is inside all "
              + "of these ranges. Widen one of the ranges so they overlap, or install one of the dependents on its "
              + "own so each gets its own " + name + " Application.", path));
        }
        return null;
      }
      Blueprint chosen = fitting.stream().filter(b -> b.deprecation() == null).findFirst().orElse(fitting.getFirst());
      if (chosen.deprecation() != null) {
        warnings.add(name + " " + chosen.version() + " is deprecated (" + chosen.deprecation()
            + ") but no other version meets " + describe(wanted) + ".");
      }
      return chosen;
    }

    private String describe(List<Constraint> constraints) {
      return constraints.stream().map(c -> c.requirer().equals(YOU)
              ? c.range() + " (" + YOU + ")"
              : c.range() + " by " + String.join(" → ", c.path()))
          .collect(Collectors.joining("; "));
    }

    /** One pass over the tree with the versions picked so far, collecting what the picked versions ask for. */
    private final class Walk {
      final Map<String, Blueprint> picked;
      final Map<String, List<Incoming>> previousIncoming;
      final Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
      final Map<String, List<Incoming>> incoming = new LinkedHashMap<>();
      final Map<String, List<String>> edges = new LinkedHashMap<>();
      final Map<String, ObjectNode> configs = new HashMap<>();
      final List<Skipped> skipped = new ArrayList<>();
      final List<Problem> problems = new ArrayList<>();
      final Set<String> done = new HashSet<>();

      Walk(Map<String, Blueprint> picked, Map<String, List<Incoming>> previousIncoming) {
        this.picked = picked;
        this.previousIncoming = previousIncoming;
      }

      void visit(String name, Deque<String> stack) {
        if (stack.contains(name)) {
          List<String> cycle = new ArrayList<>();
          boolean in = false;
          for (String s : stack.reversed()) {
            in = in || s.equals(name);
            if (in) {
              cycle.add(s);
            }
          }
          cycle.add(name);
          problems.add(new Problem(Problem.Kind.CYCLE, name, "Dependency cycle: " + String.join(" → ", cycle)
              + ". A Blueprint cannot depend on itself, even through others; remove one of these dependencies.",
              cycle));
          return;
        }
        if (!done.add(name) || !problems.isEmpty()) {
          return;
        }
        if (done.size() > MAX_NODES) {
          problems.add(new Problem(Problem.Kind.UNSETTLED, name, "The dependency tree has more than " + MAX_NODES
              + " Blueprints.", List.of()));
          return;
        }
        Blueprint b = picked.get(name);
        if (b == null) {
          return; // first seen in this round; the next round picks its version
        }
        ObjectNode config = configOf(b, previousIncoming.getOrDefault(name, List.of()));
        configs.put(name, config);
        List<String> needs = edges.computeIfAbsent(name, k -> new ArrayList<>());
        stack.push(name);
        List<String> path = new ArrayList<>();
        stack.descendingIterator().forEachRemaining(s -> path.add(s + "@" + picked.get(s).version()));
        for (Blueprint.Dependency d : b.depends()) {
          if (d.when() != null && !d.when().test(config)) {
            skipped.add(new Skipped(name, b.version().toString(), d.blueprint(), d.alias(), d.when().toString()));
            continue;
          }
          constraints.computeIfAbsent(d.blueprint(), k -> new ArrayList<>())
              .add(new Constraint(d.version(), name, b.version().toString(), d.alias(), List.copyOf(path)));
          incoming.computeIfAbsent(d.blueprint(), k -> new ArrayList<>())
              .add(new Incoming(name, ValueTemplates.render(d.values(), config)));
          if (!needs.contains(d.blueprint())) {
            needs.add(d.blueprint());
          }
          visit(d.blueprint(), stack);
        }
        stack.pop();
      }

      /** configSchema defaults, overlaid by what each dependent passes down (in a stable order). */
      private ObjectNode configOf(Blueprint b, List<Incoming> from) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        List<Incoming> ordered = new ArrayList<>(from);
        ordered.sort(Comparator.comparing(Incoming::requirer));
        for (Incoming in : ordered) {
          merge(merged, in.values(), "", in.requirer(), b.name());
        }
        return ConfigSchemas.of(b).applyDefaults(merged);
      }

      private void merge(ObjectNode target, ObjectNode source, String at, String from, String into) {
        for (Map.Entry<String, JsonNode> e : source.properties()) {
          JsonNode current = target.get(e.getKey());
          if (current != null && current.isObject() && e.getValue().isObject()) {
            merge((ObjectNode) current, (ObjectNode) e.getValue(), at + "/" + e.getKey(), from, into);
          } else if (current != null && current.isArray() && e.getValue().isArray()) {
            // Lists add up: each dependent adds its database, bucket or plugin to a shared Application.
            for (JsonNode item : e.getValue()) {
              boolean present = false;
              for (JsonNode existingItem : current) {
                present = present || existingItem.equals(item);
              }
              if (!present) {
                ((tools.jackson.databind.node.ArrayNode) current).add(item.deepCopy());
              }
            }
          } else {
            if (current != null && !current.equals(e.getValue())) {
              String w = into + " receives different values for " + at + "/" + e.getKey() + "; the value from "
                  + from + " is used.";
              if (!warnings.contains(w)) {
                warnings.add(w);
              }
            }
            target.set(e.getKey(), e.getValue().deepCopy());
          }
        }
      }

      Resolution result() {
        Map<String, Integer> depth = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(root));
        depth.put(root, 0);
        while (!queue.isEmpty()) {
          String n = queue.poll();
          for (String child : edges.getOrDefault(n, List.of())) {
            if (!depth.containsKey(child)) {
              depth.put(child, depth.get(n) + 1);
              queue.add(child);
            }
          }
        }
        List<String> order = new ArrayList<>();
        postOrder(root, new HashSet<>(), order);
        List<Node> nodes = new ArrayList<>();
        for (String name : order) {
          Blueprint b = picked.get(name);
          List<Constraint> cs = constraints.getOrDefault(name, List.of());
          List<Requirement> requiredBy = cs.stream().filter(c -> !c.requirer().equals(YOU))
              .map(c -> new Requirement(c.requirer(), c.requirerVersion(), c.alias(), c.range().toString()))
              .toList();
          List<ExistingApplication> fits = new ArrayList<>();
          List<ExistingApplication> unfit = new ArrayList<>();
          if (!name.equals(root)) {
            for (ExistingApplication app : existing) {
              if (!Objects.equals(app.blueprint(), name)) {
                continue;
              }
              boolean ok = Version.isValid(app.version())
                  && cs.stream().allMatch(c -> c.range().isSatisfiedBy(Version.parse(app.version())));
              (ok ? fits : unfit).add(app);
            }
          }
          nodes.add(new Node(name, b.version().toString(), depth.getOrDefault(name, 0), requiredBy,
              configs.get(name), List.copyOf(edges.getOrDefault(name, List.of())), fits, unfit, b.deprecation()));
        }
        return new Resolution(nodes, List.copyOf(skipped), List.of(), List.copyOf(warnings));
      }

      private void postOrder(String name, Set<String> seen, List<String> out) {
        if (!seen.add(name)) {
          return;
        }
        for (String child : edges.getOrDefault(name, List.of())) {
          postOrder(child, seen, out);
        }
        out.add(name);
      }
    }
  }

}
