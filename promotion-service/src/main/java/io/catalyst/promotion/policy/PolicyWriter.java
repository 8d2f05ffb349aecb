package io.catalyst.promotion.policy;

/** Writes a policy as the file {@link PolicyParser} reads back (defaults are committed this way). */
public final class PolicyWriter {

  private PolicyWriter() {}

  public static String toYaml(EnvironmentPolicy policy) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: ").append(EnvironmentPolicy.API_VERSION).append('\n');
    y.append("kind: ").append(EnvironmentPolicy.KIND).append('\n');
    y.append("metadata:\n");
    y.append("  name: ").append(policy.name()).append('\n');
    y.append("  namespace: ").append(EnvironmentPolicy.NAMESPACE).append('\n');
    y.append("spec:\n");
    y.append("  appliesTo:\n    environments: [").append(policy.environment().name()).append("]\n");
    y.append("  timezone: ").append(policy.timezone().getId()).append('\n');
    if (policy.rules().isEmpty()) {
      y.append("  rules: []  # no rules: changes go in directly\n");
      return y.toString();
    }
    y.append("  rules:\n");
    for (PolicyRule rule : policy.rules()) {
      y.append("    - kind: ").append(rule.kind()).append('\n');
      switch (rule) {
        case PolicyRule.PrRequired r -> {
          y.append("      approvers: [").append(String.join(", ", r.approvers().stream()
              .map(ApproverRef::toString).toList())).append("]\n");
          y.append("      minApprovals: ").append(r.minApprovals()).append('\n');
          if (r.selfApproval() != PolicyRule.SelfApproval.NEVER) {
            y.append("      selfApproval: ").append(r.selfApproval().value()).append('\n');
          }
        }
        case PolicyRule.ReScoreGate r -> y.append("      minScore: ").append(r.minScore()).append('\n');
        case PolicyRule.Soak r -> {
          if (r.sourceEnvironment() != null) {
            y.append("      sourceEnvironment: ").append(r.sourceEnvironment()).append('\n');
          }
          y.append("      duration: ").append(PolicyDuration.format(r.duration())).append('\n');
        }
        case PolicyRule.ChangeWindow r -> {
          y.append("      cron: \"").append(r.cron()).append("\"\n");
          y.append("      duration: ").append(PolicyDuration.format(r.duration())).append('\n');
          if (r.timezone() != null) {
            y.append("      timezone: ").append(r.timezone().getId()).append('\n');
          }
        }
      }
      y.append("      severity: ").append(rule.severity().value()).append('\n');
    }
    return y.toString();
  }
}
