package io.catalyst.provisioning.contract;

import java.util.List;
import java.util.Map;

/** The data of {@code io.catalyst.provisioning.application.*.v1} events (types in {@link ProvisioningEvents}). */
public final class ApplicationEvents {

  /**
   * {@code application.installed.v1}, one per Application of an install ({@code install}: the install's id).
   * {@code version} and {@code blueprintVersion} carry the same value ({@code blueprintVersion} is the name
   * catalog-service reads); {@code bundle} names the composite Blueprint the install was asked for when this
   * Application is one of its parts (a bundle gets no Application of its own), else null.
   */
  public record Installed(String organization, String environment, String application, String blueprint,
      String version, String blueprintVersion, List<String> dependsOn, String repo, String status,
      boolean backingService, String install, String bundle) {}

  /** {@code application.configured.v1}: a config commit on the Environment's branch. */
  public record Configured(String organization, String environment, String application, String branch, String sha,
      String previousSha, String committer) {}

  /** {@code application.uninstalled.v1}: the repository is archived, the Flux objects are gone. */
  public record Uninstalled(String organization, String environment, String application, String uninstalledBy) {}

  /** {@code application.upgraded.v1}: the upgrade commit on {@code branch} (a dev Environment's version moved). */
  public record Upgraded(String organization, String environment, String application, String branch,
      String fromVersion, String toVersion, String sha, String previousSha, boolean forced, String upgradedBy) {}

  /** {@code application.paused.v1} / {@code application.resumed.v1}. */
  public record PauseChanged(String organization, String environment, String application, boolean paused,
      String bootstrapSha, String status, String by) {}

  /** {@code application.owner-changed.v1}: the {@code CODEOWNERS} commit per Environment branch. */
  public record OwnerChanged(String organization, String environment, String application, String team,
      String previousTeam, Map<String, String> commits, String changedBy) {}

  private ApplicationEvents() {}
}
