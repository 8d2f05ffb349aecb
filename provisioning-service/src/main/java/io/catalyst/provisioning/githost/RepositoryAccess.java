package io.catalyst.provisioning.githost;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.security.Caller;

/**
 * Who may read a repository and who may push to it at all (the branch-level rules are the {@link PushPolicy}'s):
 *
 * <ul>
 *   <li>an Organization's repositories: its members read (not {@code billing-admin}); {@code org-admin} and
 *       {@code org-developer} push. Another Organization's repositories do not exist for the caller (404).
 *   <li>{@code catalog}, {@code catalog-sovereign}: every signed-in user reads; sovereign-admin and services push.
 *   <li>{@code system}: sovereign-admin and services only.
 * </ul>
 */
public final class RepositoryAccess {

  private RepositoryAccess() {}

  public static boolean mayRead(Caller caller, RepositoryPath repo) {
    if (!caller.isAuthenticated()) {
      return false;
    }
    if (caller.isSovereignAdmin() || caller.isService()) {
      return true;
    }
    return switch (repo.kind()) {
      case CATALOG -> true;
      case SYSTEM -> false;
      case ORGANIZATION -> repo.owner().equals(caller.organization())
          && caller.hasAny(Role.ORG_ADMIN, Role.ORG_DEVELOPER, Role.ORG_VIEWER, Role.SECURITY_OFFICER);
    };
  }

  /** Whether the caller may push to some branch of the repository (it may still be refused per branch). */
  public static boolean mayPush(Caller caller, RepositoryPath repo) {
    if (!mayRead(caller, repo)) {
      return false;
    }
    if (caller.isSovereignAdmin() || caller.isService()) {
      return true;
    }
    return repo.kind() == RepositoryPath.Kind.ORGANIZATION && caller.hasAny(Role.ORG_ADMIN, Role.ORG_DEVELOPER);
  }
}
