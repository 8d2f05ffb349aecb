package io.catalyst.provisioning.githost;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentType;
import java.util.Optional;

/**
 * The rules a pushed ref update must pass inside the push (the pre-receive hook), in the order a user fixes them:
 * may this caller write this branch, is the branch's history protected (force-push, deletion), and does the branch
 * take direct pushes or only promotions. Plain secrets in the pushed files are the {@link SecretScanner}'s part.
 *
 * <p>In an Application repository the long-lived branches are Environments ({@link EnvironmentType#branch()}): an
 * {@code org-developer} writes only those of the Environments it is bound to, and {@code main} (production) takes
 * changes only through a promotion unless promotion-service says otherwise — when it cannot be asked, {@code main}
 * stays closed and the other branches open.
 */
public final class PushPolicy {

  /** How a ref moves. */
  public enum ChangeType { CREATE, UPDATE, FORCE_UPDATE, DELETE }

  /** One ref of a push: {@code refs/heads/develop} updated fast-forward, and so on. */
  public record RefChange(String ref, ChangeType type) {}

  /** Accepted, or refused with a short reason for git's status line and a message that says what to do. */
  public record Verdict(boolean accepted, String reason, String message) {
    static final Verdict ACCEPTED = new Verdict(true, null, null);

    static Verdict refuse(String reason, String message) {
      return new Verdict(false, reason, message);
    }
  }

  private static final String HEADS = "refs/heads/";
  private static final String TAGS = "refs/tags/";

  private final PromotionPolicyClient promotion;

  public PushPolicy(PromotionPolicyClient promotion) {
    this.promotion = promotion;
  }

  public Verdict check(Caller caller, RepositoryPath repo, RefChange change) {
    if (!RepositoryAccess.mayPush(caller, repo)) {
      return Verdict.refuse("read-only access", "You may read " + repo + " but not push to it. Ask an org-admin "
          + "of " + (repo.organization() != null ? repo.organization() : "the Sovereign") + " for write access.");
    }
    if (change.ref().startsWith(TAGS)) {
      return checkTag(change);
    }
    if (!change.ref().startsWith(HEADS)) {
      return Verdict.refuse("only branches and tags", "Only branches (refs/heads/*) and tags (refs/tags/*) can be "
          + "pushed here; " + change.ref() + " is neither.");
    }
    String branch = change.ref().substring(HEADS.length());
    return repo.isApplicationRepository() ? checkEnvironmentBranch(caller, repo, branch, change.type())
        : checkPlainBranch(branch, change.type());
  }

  private Verdict checkEnvironmentBranch(Caller caller, RepositoryPath repo, String branch, ChangeType type) {
    Optional<EnvironmentType> envType = EnvironmentType.ofBranch(branch);
    if (envType.isEmpty()) {
      if (caller.has(Role.ORG_DEVELOPER) && !caller.hasAny(Role.ORG_ADMIN, Role.SOVEREIGN_ADMIN, Role.SERVICE)) {
        return Verdict.refuse("not an environment branch", "An org-developer pushes to the branches of the "
            + "Environments it is bound to (" + String.join(", ", caller.environments()) + "); '" + branch
            + "' is not an Environment branch. Push to develop instead, or ask an org-admin.");
      }
      return Verdict.ACCEPTED;
    }
    String environment = EnvironmentName.of(repo.owner(), envType.get()).toString();
    if (!caller.mayChange(repo.owner(), environment)) {
      return Verdict.refuse("not bound to " + environment, "'" + branch + "' is the branch of Environment "
          + environment + ", and you are bound to " + describe(caller) + ". Push to the branch of an Environment you "
          + "are bound to and promote from there, or ask an org-admin to bind you to " + environment + ".");
    }
    if (type == ChangeType.DELETE) {
      return Verdict.refuse("environment branch", "'" + branch + "' is the branch of Environment " + environment
          + " and cannot be deleted. It goes away only when the Application is uninstalled or the Environment "
          + "deleted.");
    }
    if (type == ChangeType.FORCE_UPDATE) {
      return Verdict.refuse("force-push to environment branch", "'" + branch + "' is the branch of Environment "
          + environment + "; its history is protected and cannot be rewritten. Bring your work on top of it "
          + "(git pull --rebase origin " + branch + ") and push again without --force; to undo a change, "
          + "git revert it.");
    }
    if (caller.isService()) {
      return Verdict.ACCEPTED; // promotion-service merging a promotion, provisioning writing an install
    }
    PromotionPolicyClient.Decision decision =
        promotion.directPush(repo.owner(), repo.name(), branch, environment);
    boolean production = envType.get() == EnvironmentType.PROD;
    if (decision == PromotionPolicyClient.Decision.PROMOTION_REQUIRED
        || (production && decision != PromotionPolicyClient.Decision.OPEN)) {
      String message = production
          ? "main is the production branch; changes reach it through a promotion (develop → staging → main) that "
              + "the Environment's policy gates, not through a direct push. Push your change to develop and "
              + "promote it."
          : "The policy of Environment " + environment + " requires changes to arrive through a promotion. Push to "
              + "the branch of a lower Environment and promote it to '" + branch + "'.";
      if (decision == PromotionPolicyClient.Decision.UNAVAILABLE) {
        message += " (promotion-service could not be asked, so main stays protected.)";
      }
      return Verdict.refuse("promotion required", message);
    }
    return Verdict.ACCEPTED;
  }

  private static Verdict checkPlainBranch(String branch, ChangeType type) {
    if ("main".equals(branch) && type == ChangeType.DELETE) {
      return Verdict.refuse("protected branch", "main is this repository's default branch and cannot be deleted.");
    }
    if ("main".equals(branch) && type == ChangeType.FORCE_UPDATE) {
      return Verdict.refuse("force-push to protected branch", "main's history is protected and cannot be "
          + "rewritten. Bring your work on top of it (git pull --rebase origin main) and push again without --force.");
    }
    return Verdict.ACCEPTED;
  }

  private static Verdict checkTag(RefChange change) {
    if (change.type() == ChangeType.DELETE || change.type() == ChangeType.FORCE_UPDATE) {
      return Verdict.refuse("tags are immutable", "Tags cannot be moved or deleted once pushed; create a new tag.");
    }
    return Verdict.ACCEPTED;
  }

  private static String describe(Caller caller) {
    if (caller.has(Role.ORG_DEVELOPER) && !caller.environments().isEmpty()) {
      return String.join(", ", caller.environments().stream().sorted().toList());
    }
    return "no Environment of this Organization";
  }
}
