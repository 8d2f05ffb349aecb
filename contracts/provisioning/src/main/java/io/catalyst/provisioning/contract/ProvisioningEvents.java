package io.catalyst.provisioning.contract;

/**
 * The CloudEvents types provisioning-service publishes on {@code catalyst.provisioning.v1} (record key: the
 * Organization), with the record each one carries as {@code data}. Producers and consumers both use these names.
 */
public final class ProvisioningEvents {

  private static final String PREFIX = "io.catalyst.provisioning.";

  /**
   * {@link BranchMoved}: the head of a branch moved, whatever moved it (the one event of every head move; a push is
   * {@code via push}, which replaced {@code git.pushed.v1}).
   */
  public static final String BRANCH_MOVED = PREFIX + "branch.moved.v1";
  /** {@link GitPushRefused}: the Git host refused a ref of a push. */
  public static final String GIT_PUSH_REFUSED = PREFIX + "git.push.refused.v1";
  /** {@link InstallEvents.Applied}: every Application of an install plan is installed. */
  public static final String INSTALL_APPLIED = PREFIX + "install.applied.v1";
  /** {@link InstallEvents.RolledBack}: applying an install plan failed and was undone. */
  public static final String INSTALL_ROLLED_BACK = PREFIX + "install.rolled-back.v1";
  /** {@link ApplicationEvents.Installed}. */
  public static final String APPLICATION_INSTALLED = PREFIX + "application.installed.v1";
  /** {@link ApplicationEvents.Uninstalled}. */
  public static final String APPLICATION_UNINSTALLED = PREFIX + "application.uninstalled.v1";
  /** {@link ApplicationEvents.Configured}. */
  public static final String APPLICATION_CONFIGURED = PREFIX + "application.configured.v1";
  /** {@link ApplicationEvents.Upgraded}. */
  public static final String APPLICATION_UPGRADED = PREFIX + "application.upgraded.v1";
  /** {@link ApplicationEvents.PauseChanged}. */
  public static final String APPLICATION_PAUSED = PREFIX + "application.paused.v1";
  /** {@link ApplicationEvents.PauseChanged}. */
  public static final String APPLICATION_RESUMED = PREFIX + "application.resumed.v1";
  /** {@link ApplicationEvents.OwnerChanged}. */
  public static final String APPLICATION_OWNER_CHANGED = PREFIX + "application.owner-changed.v1";
  /** {@link RuntimeEvents.StatusChanged}. */
  public static final String APPLICATION_STATUS_CHANGED = PREFIX + "application.status-changed.v1";
  /** {@link EnvironmentEvents.Created}. */
  public static final String ENVIRONMENT_CREATED = PREFIX + "environment.created.v1";
  /** {@link EnvironmentEvents.Deleted}. */
  public static final String ENVIRONMENT_DELETED = PREFIX + "environment.deleted.v1";

  private ProvisioningEvents() {}
}
