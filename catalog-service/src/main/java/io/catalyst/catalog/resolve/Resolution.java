package io.catalyst.catalog.resolve;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A flattened dependency tree. {@link #nodes()} is in install order (every dependency before its dependents, the
 * requested Blueprint last). When {@link #problems()} is not empty the tree could not be resolved and the nodes are
 * what was resolved before the problem was found.
 */
public record Resolution(List<Node> nodes, List<Skipped> skipped, List<Problem> problems, List<String> warnings) {

  public boolean resolved() {
    return problems.isEmpty();
  }

  /**
   * One Blueprint of the tree at the version picked for it.
   *
   * @param requiredBy  who requires it and with which range (empty for the requested Blueprint)
   * @param config      its config: configSchema defaults plus the values its dependents pass down
   * @param dependsOn   the Blueprints it needs (the {@code when} conditions that held)
   * @param satisfiedBy existing Applications that could serve it (same Blueprint, version inside every range)
   * @param unsuitable  existing Applications of the same Blueprint whose version is outside a range
   */
  public record Node(String blueprint, String version, int depth, List<Requirement> requiredBy, ObjectNode config,
      List<String> dependsOn, List<ExistingApplication> satisfiedBy, List<ExistingApplication> unsuitable,
      String deprecation) {}

  /** {@code blueprint}@{@code version} asks for the node through {@code alias} with {@code range}. */
  public record Requirement(String blueprint, String version, String alias, String range) {}

  /** A dependency left out because its {@code when} condition is false for the dependent's config. */
  public record Skipped(String requiredBy, String version, String blueprint, String alias, String when) {}

  public record Problem(Kind kind, String blueprint, String message, List<String> path) {
    public enum Kind { NOT_FOUND, NO_MATCHING_VERSION, CONFLICT, CYCLE, UNSETTLED }
  }
}
