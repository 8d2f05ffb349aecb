package io.catalyst.provisioning.install;

/**
 * One step of an install saga. Every step is idempotent (re-running a done or half-done step finishes it) and has a
 * compensation that undoes it, which is also safe on a step that never ran.
 *
 * @param target the Application (for {@link Kind#REPOSITORY}) or the Environment
 */
public record InstallStep(int position, Kind kind, String target, Status status) {

  public enum Kind {
    /** Application rows (status Installing): the names are taken, the repositories must not exist yet. */
    RESERVE,
    /** The Application's OIDC client at identity-service (Blueprints with {@code sso.enabled}). */
    SSO,
    /** The Application's repository with its branches and initial files. */
    REPOSITORY,
    /** The Flux objects of the install's Applications in the Environment's bootstrap. */
    GITOPS,
    /** Installed: the Environment's installations and the {@code application.installed.v1} events, one transaction. */
    FINISH
  }

  public enum Status { PENDING, DONE, COMPENSATED, COMPENSATION_FAILED }

  public InstallStep with(Status next) {
    return new InstallStep(position, kind, target, next);
  }

  public String describe() {
    return switch (kind) {
      case RESERVE -> "reserve the Application names";
      case SSO -> "register the single sign-on client of " + target + " with identity-service";
      case REPOSITORY -> "create the repository of " + target;
      case GITOPS -> "write the Flux objects to the bootstrap of " + target;
      case FINISH -> "record the install";
    };
  }
}
