package io.catalyst.provisioning.githost;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code catalyst.provisioning.git.*}.
 *
 * @param root the directory holding the bare repositories, {@code {root}/{owner}/{name}.git}
 */
@ConfigurationProperties("catalyst.provisioning.git")
public record GitHostProperties(Path root) {

  public GitHostProperties {
    if (root == null) {
      throw new IllegalArgumentException("Set catalyst.provisioning.git.root to the directory of the repositories");
    }
    root = root.toAbsolutePath().normalize();
  }
}
