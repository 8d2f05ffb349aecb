package io.catalyst.promotion.contract;

import java.util.List;

/**
 * What other services ask promotion-service over REST, with a service token. provisioning's Git host asks
 * {@link #DECISIONS} inside every push (pre-receive) and before every commit its API makes to an Environment branch.
 */
public final class PromotionApi {

  /** {@code POST}: may this change go into the branch directly? Answers a {@link DecisionResponse}. */
  public static final String DECISIONS = "/api/v1/promotion/decisions";

  /** Who is changing the branch, as their token says. */
  public record User(String subject, List<String> roles, List<String> teams) {}

  /**
   * A change to {@code branch} of {@code organization/repository} (the branch of {@code environment}, null for a
   * branch of no Environment), moving it from {@code oldSha} to {@code newSha}, through {@code via} (the values of
   * {@code BranchMoved.via}: {@code push}, {@code api}, {@code merge}, {@code revert}, …).
   */
  public record DecisionRequest(String organization, String repository, String branch, String environment,
      User user, String oldSha, String newSha, String via) {}

  /** The answer. */
  public enum Decision {
    /** The change may go in directly. */
    OPEN,
    /** The branch takes changes through a promotion only (its policy has a blocking {@code pr-required} rule). */
    PROMOTION_REQUIRED,
    /** Not now and not this way (e.g. outside the policy's change window); {@code reason} says when or how. */
    REFUSED
  }

  /**
   * The decision, the policy that made it ({@code {org}-{env_type}-policy}, null when none is in force), the rule
   * ({@code pr-required}, {@code change-window}, {@code direct} when the policy lets changes in, {@code default} when
   * no policy is in force, {@code service} for a Catalyst service, {@code none} for a branch of no Environment) and a
   * reason to show the person (a {@code remote:} line of {@code git push}).
   */
  public record DecisionResponse(Decision decision, String policy, String rule, String reason) {}

  /**
   * {@code POST}: would this file be accepted as a policy? provisioning's pre-receive asks it for every
   * {@code policies/*} file a push to {@code system/catalyst-config} changes, and prints the errors as {@code remote:}
   * lines. Answers a {@link PolicyCheckResponse}.
   */
  public static final String POLICY_CHECKS = "/api/v1/promotion/policies/checks";

  /** A file of {@code system/catalyst-config}: its {@code path} ({@code policies/{org}-{env_type}-policy.yaml}) and text. */
  public record PolicyCheckRequest(String path, String content) {}

  /**
   * {@code valid}, the Environment the file is the policy of (null when the path names none), and every error with
   * the field's path ({@code spec.rules[0].minApprovals}; empty for the file as a whole) and what to write instead.
   */
  public record PolicyCheckResponse(boolean valid, String environment,
      List<PromotionEvents.PolicyFieldError> errors) {}

  private PromotionApi() {}
}
