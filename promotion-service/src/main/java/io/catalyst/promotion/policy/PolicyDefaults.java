package io.catalyst.promotion.policy;

import io.catalyst.platform.core.Role;
import io.catalyst.promotion.policy.EnvironmentName.EnvType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The policies a new Environment starts with, as pure functions of the Organization's Environments (ARCHITECTURE.md,
 * "Policy approver references"): written as files once, edited like any policy after.
 */
public final class PolicyDefaults {

  /** Corporate production: at least this RE score, this soak, Tuesday and Thursday 14:00 for two hours. */
  public static final int CORPORATE_MIN_SCORE = 80;
  public static final Duration CORPORATE_SOAK = Duration.ofHours(72);
  public static final String CORPORATE_WINDOW_CRON = "0 14 * * 2,4";
  public static final Duration CORPORATE_WINDOW = Duration.ofHours(2);

  private PolicyDefaults() {}

  /**
   * An SME's production: while the Organization has no lower Environment its org-admins change Applications
   * directly (no rules); once one exists, one approval by an org-admin, which the author may give themselves when
   * they are the Organization's only admin.
   */
  public static EnvironmentPolicy smeProd(String organization, Set<EnvType> environments, ZoneId zone) {
    EnvironmentName prod = new EnvironmentName(organization, EnvType.PROD);
    if (lowerThan(EnvType.PROD, environments).isEmpty()) {
      return new EnvironmentPolicy(prod, zone, List.of());
    }
    return new EnvironmentPolicy(prod, zone, List.of(new PolicyRule.PrRequired(
        List.of(ApproverRef.role(Role.ORG_ADMIN)), 1, PolicyRule.SelfApproval.SINGLE_ADMIN, Severity.BLOCKING)));
  }

  /**
   * A corporate production: two approvals from {@code approverTeams} (the org-admins and security officers when it
   * names none: sign-up creates no team), RE score ≥ 80, a 72 h soak in the Environment just below and a change window
   * on Tuesday and Thursday 14:00–16:00 in {@code zone}. Without a lower Environment there is nothing to promote from:
   * changes go in directly, as for an SME.
   */
  public static EnvironmentPolicy corporateProd(String organization, Set<EnvType> environments,
      List<String> approverTeams, ZoneId zone) {
    EnvironmentName prod = new EnvironmentName(organization, EnvType.PROD);
    Optional<EnvType> source = lowerThan(EnvType.PROD, environments);
    if (source.isEmpty()) {
      return new EnvironmentPolicy(prod, zone, List.of());
    }
    List<ApproverRef> approvers = approverTeams.isEmpty()
        ? List.of(ApproverRef.role(Role.ORG_ADMIN), ApproverRef.role(Role.SECURITY_OFFICER))
        : approverTeams.stream().map(ApproverRef::team).toList();
    List<PolicyRule> rules = new ArrayList<>();
    rules.add(new PolicyRule.PrRequired(approvers, 2, PolicyRule.SelfApproval.NEVER, Severity.BLOCKING));
    rules.add(new PolicyRule.ReScoreGate(CORPORATE_MIN_SCORE, Severity.BLOCKING));
    rules.add(new PolicyRule.Soak(new EnvironmentName(organization, source.get()).name(), CORPORATE_SOAK,
        Severity.BLOCKING));
    rules.add(new PolicyRule.ChangeWindow(CORPORATE_WINDOW_CRON, CORPORATE_WINDOW, null, Severity.BLOCKING));
    return new EnvironmentPolicy(prod, zone, rules);
  }

  /** Any other Environment starts open: changes go in directly. */
  public static EnvironmentPolicy open(EnvironmentName environment, ZoneId zone) {
    return new EnvironmentPolicy(environment, zone, List.of());
  }

  /** The Environment a change reaches {@code type} from: the highest existing type below it in the order. */
  public static Optional<EnvType> lowerThan(EnvType type, Set<EnvType> environments) {
    int at = EnvironmentName.PROMOTION_ORDER.indexOf(type);
    for (int i = at - 1; i >= 0; i--) {
      if (environments.contains(EnvironmentName.PROMOTION_ORDER.get(i))) {
        return Optional.of(EnvironmentName.PROMOTION_ORDER.get(i));
      }
    }
    return Optional.empty();
  }

  /** The Environment a promotion from {@code type} goes to: the lowest existing type above it in the order. */
  public static Optional<EnvType> nextAbove(EnvType type, Set<EnvType> environments) {
    int at = EnvironmentName.PROMOTION_ORDER.indexOf(type);
    if (at < 0) {
      return Optional.empty();
    }
    for (int i = at + 1; i < EnvironmentName.PROMOTION_ORDER.size(); i++) {
      if (environments.contains(EnvironmentName.PROMOTION_ORDER.get(i))) {
        return Optional.of(EnvironmentName.PROMOTION_ORDER.get(i));
      }
    }
    return Optional.empty();
  }
}
