package io.catalyst.promotion.contract;

import java.util.List;

/**
 * The CloudEvents types promotion-service publishes on {@code catalyst.promotion.v1} (record key: the Organization)
 * and their data. provisioning-service turns them into the target Application's card state.
 */
public final class PromotionEvents {

  private static final String PREFIX = "io.catalyst.promotion.";

  public static final String REQUESTED = PREFIX + "promotion.requested.v1";
  public static final String APPROVED = PREFIX + "promotion.approved.v1";
  public static final String MERGED = PREFIX + "promotion.merged.v1";
  public static final String REJECTED = PREFIX + "promotion.rejected.v1";
  public static final String CANCELLED = PREFIX + "promotion.cancelled.v1";

  /** Approvals given to an older source head stopped counting: the source branch moved (a push, a commit). */
  public static final String APPROVAL_INVALIDATED = PREFIX + "promotion.approval-invalidated.v1";

  /** An EnvironmentPolicy file that was refused (the last valid version of it stays in force). */
  public static final String POLICY_REFUSED = PREFIX + "policy.refused.v1";

  /** Every decision of a promotion's life, in the order they may happen. */
  public static final List<String> ALL = List.of(REQUESTED, APPROVED, MERGED, REJECTED, CANCELLED);

  /**
   * The data of every promotion event: {@code application} promoted from {@code sourceEnvironment} to
   * {@code targetEnvironment}; {@code decidedBy} and {@code reason} once decided; {@code sourceSha} the source head
   * the event is about and {@code gates} what each gate of the target's policy said then (null where not evaluated).
   */
  public record Promotion(String organization, String promotion, String application, String sourceEnvironment,
      String targetEnvironment, String requestedBy, String decidedBy, String reason, String sourceSha,
      List<Gate> gates) {

    /** Without the fields added later in {@code .v1} (source head and gates). */
    public Promotion(String organization, String promotion, String application, String sourceEnvironment,
        String targetEnvironment, String requestedBy, String decidedBy, String reason) {
      this(organization, promotion, application, sourceEnvironment, targetEnvironment, requestedBy, decidedBy, reason,
          null, null);
    }
  }

  /** One gate's answer: {@code gate} the rule kind, {@code status} PASSING, BLOCKED or WARNING, and why. */
  public record Gate(String gate, String severity, String status, String explanation) {}

  /**
   * The data of {@code policy.refused.v1}: the file {@code path} of {@code system/catalyst-config} at {@code commit}
   * could not be read as the policy of {@code environment}, for {@code errors}; the policy in force stays
   * {@code inForceCommit}'s (null: none).
   */
  public record PolicyRefused(String organization, String environment, String path, String commit,
      String inForceCommit, List<PolicyFieldError> errors) {}

  /** One thing wrong in a policy file: the field's path ({@code spec.rules[0].minApprovals}) and what to fix. */
  public record PolicyFieldError(String path, String message) {}

  /** {@code requested} for {@code io.catalyst.promotion.promotion.requested.v1}; null for another type. */
  public static String decision(String type) {
    if (type == null || !type.startsWith(PREFIX + "promotion.") || !type.endsWith(".v1")) {
      return null;
    }
    String d = type.substring((PREFIX + "promotion.").length(), type.length() - ".v1".length());
    return ALL.contains(type) ? d : null;
  }

  private PromotionEvents() {}
}
