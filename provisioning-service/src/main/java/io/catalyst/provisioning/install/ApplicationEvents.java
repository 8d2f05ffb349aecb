package io.catalyst.provisioning.install;

import java.util.List;

/** The data of {@code io.catalyst.provisioning.application.*.v1} events (this service's public contract). */
public final class ApplicationEvents {

  /**
   * {@code application.installed.v1}, one per Application of an install. {@code version} and
   * {@code blueprintVersion} carry the same value ({@code blueprintVersion} is the name catalog-service reads).
   */
  public record Installed(String organization, String environment, String application, String blueprint,
      String version, String blueprintVersion, List<String> dependsOn, String repo, String status,
      boolean backingService, String install) {}

  /** {@code application.configured.v1}: a config commit on the Environment's branch. */
  public record Configured(String organization, String environment, String application, String branch, String sha,
      String previousSha, String committer) {}

  /** {@code application.uninstalled.v1}: the repository is archived, the Flux objects are gone. */
  public record Uninstalled(String organization, String environment, String application, String uninstalledBy) {}

  private ApplicationEvents() {}
}
