package io.catalyst.promotion.policy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** One rule of an EnvironmentPolicy (DOMAIN.md §1.9), each with its {@link Severity}. */
public sealed interface PolicyRule {

  /** The rule's {@code kind} as written in the file. */
  String kind();

  Severity severity();

  default boolean blocking() {
    return severity() == Severity.BLOCKING;
  }

  /** Who may approve a self-approval: never (the default) or the Organization's only org-admin. */
  enum SelfApproval {
    NEVER("never"), SINGLE_ADMIN("single-admin");

    private final String value;

    SelfApproval(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /**
   * {@code pr-required}: changes reach the branch through a promotion, merged once {@code minApprovals} distinct
   * people named by {@code approvers} approved its source head. {@code selfApproval: single-admin} lets the author
   * approve their own promotion when they are the Organization's only org-admin (an SME owner is never deadlocked).
   */
  record PrRequired(List<ApproverRef> approvers, int minApprovals, SelfApproval selfApproval, Severity severity)
      implements PolicyRule {
    public static final String KIND = "pr-required";

    public PrRequired {
      approvers = List.copyOf(approvers);
    }

    @Override
    public String kind() {
      return KIND;
    }
  }

  /** {@code re-score-gate}: the source head's RE score (0–100) must be at least {@code minScore}. */
  record ReScoreGate(int minScore, Severity severity) implements PolicyRule {
    public static final String KIND = "re-score-gate";

    @Override
    public String kind() {
      return KIND;
    }
  }

  /**
   * {@code soak}: the promoted commit must have been the head of {@code sourceEnvironment}'s branch for at least
   * {@code duration}; null {@code sourceEnvironment} means the promotion's source.
   */
  record Soak(String sourceEnvironment, Duration duration, Severity severity) implements PolicyRule {
    public static final String KIND = "soak";

    @Override
    public String kind() {
      return KIND;
    }
  }

  /**
   * {@code change-window}: merges only inside a window opened by {@code cron} for {@code duration}, in
   * {@code timezone} (null: the policy's).
   */
  record ChangeWindow(String cron, Duration duration, ZoneId timezone, Severity severity) implements PolicyRule {
    public static final String KIND = "change-window";

    @Override
    public String kind() {
      return KIND;
    }

    public CronSchedule schedule(ZoneId policyZone) {
      return CronSchedule.of(cron, duration, timezone != null ? timezone : policyZone);
    }
  }

  List<String> KINDS = List.of(PrRequired.KIND, ReScoreGate.KIND, Soak.KIND, ChangeWindow.KIND);
}
