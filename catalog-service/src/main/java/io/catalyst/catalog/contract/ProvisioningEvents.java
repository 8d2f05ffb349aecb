package io.catalyst.catalog.contract;

/**
 * The provisioning events catalog-service consumes (topic {@code catalyst.provisioning.v1}), as it reads them. The
 * Organization comes from the CloudEvents extension {@code organization} (the record key); unknown fields are
 * ignored so provisioning may add more.
 */
public final class ProvisioningEvents {

  public static final String GIT_PUSHED = "git.pushed.v1";
  public static final String APPLICATION_INSTALLED = "application.installed.v1";
  public static final String APPLICATION_UNINSTALLED = "application.uninstalled.v1";
  public static final String APPLICATION_STATUS_CHANGED = "application.status-changed.v1";

  private ProvisioningEvents() {}

  /** {@code io.catalyst.provisioning.git.pushed.v1}: a push to {@code owner/repo} moved {@code branch}. */
  public record GitPushed(String owner, String repo, String branch, String oldSha, String newSha, String pusher) {}

  /**
   * {@code io.catalyst.provisioning.application.installed.v1}: {@code application} of Blueprint
   * {@code blueprint}@{@code blueprintVersion} now exists in {@code environment}; {@code status} its first state
   * (default {@code Installing}).
   */
  public record ApplicationInstalled(String application, String environment, String blueprint,
      String blueprintVersion, String status) {}

  /** {@code io.catalyst.provisioning.application.uninstalled.v1}. */
  public record ApplicationUninstalled(String application, String environment) {}

  /**
   * {@code io.catalyst.provisioning.application.status-changed.v1}: the card state ({@code Running},
   * {@code Installing}, {@code Updating}, {@code Degraded}, {@code Failed}, {@code Paused},
   * {@code Pending approval}); {@code blueprintVersion} set when an upgrade changed it.
   */
  public record ApplicationStatusChanged(String application, String environment, String status, String blueprint,
      String blueprintVersion) {}
}
