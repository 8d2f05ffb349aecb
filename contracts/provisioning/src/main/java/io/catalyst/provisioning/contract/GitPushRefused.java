package io.catalyst.provisioning.contract;

/**
 * Event {@code io.catalyst.provisioning.git.push.refused.v1}: the Git host refused a ref of a push (audit records
 * who tried what and which rule stopped it).
 *
 * @param ref         the full ref ({@code refs/heads/main}, {@code refs/tags/v1})
 * @param branch      the branch, when the ref is one
 * @param environment the Environment whose branch this is (Application repositories), else null
 * @param rule        which check refused it: {@code policy} (access, protected and Environment branches, promotion
 *                    required), {@code codeowners}, {@code secrets} (plain secret values), {@code unchecked} (the
 *                    push could not be inspected)
 * @param reason      the short reason git shows the pusher
 * @param pusher      the authenticated user or service
 * @param oldSha      the ref's head before (null when the push creates it)
 * @param newSha      what the push wanted it to be (null for a deletion)
 */
public record GitPushRefused(String owner, String repository, String ref, String branch, String environment,
    String rule, String reason, String pusher, String oldSha, String newSha) {

  public static final String RULE_POLICY = "policy";
  public static final String RULE_CODEOWNERS = "codeowners";
  public static final String RULE_SECRETS = "secrets";
  public static final String RULE_UNCHECKED = "unchecked";
}
