package io.catalyst.provisioning.githost;

/**
 * promotion-service's policy decision for a direct push: may this branch of this repository take a commit that did
 * not arrive through a promotion? promotion-service owns EnvironmentPolicies and comes in a later issue; until it
 * answers, {@link #UNAVAILABLE} is the implementation and the push policy fails closed for {@code main}.
 */
public interface PromotionPolicyClient {

  /** What promotion-service says about a direct push. */
  enum Decision {
    /** The branch takes direct pushes. */
    OPEN,
    /** The Environment's policy requires changes to arrive through a promotion. */
    PROMOTION_REQUIRED,
    /** No answer (not deployed yet, down, timed out): the push policy decides by itself. */
    UNAVAILABLE
  }

  Decision directPush(String organization, String repository, String branch, String environment);

  /** The answer while promotion-service has no decision API: never an opening. */
  PromotionPolicyClient UNAVAILABLE = (organization, repository, branch, environment) -> Decision.UNAVAILABLE;
}
