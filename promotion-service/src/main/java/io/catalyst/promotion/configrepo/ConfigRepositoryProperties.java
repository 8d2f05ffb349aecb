package io.catalyst.promotion.configrepo;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.promotion.config-repository.*}: where the policies come from, {@code system/catalyst-config} on
 * provisioning's Git host.
 *
 * @param url             the repository's smart-HTTP address (or a {@code file://} bare repository)
 * @param branch          the branch whose head is in force
 * @param workDir         where the repository is fetched to (bare)
 * @param refreshInterval how often it is fetched even without a {@code branch.moved.v1} event
 * @param git             the credential; without a password, this service's client-credentials token
 */
@ConfigurationProperties("catalyst.promotion.config-repository")
public record ConfigRepositoryProperties(
    @DefaultValue("http://localhost:8083/git/system/catalyst-config.git") String url,
    @DefaultValue("main") String branch,
    Path workDir,
    @DefaultValue("PT5M") Duration refreshInterval,
    @DefaultValue Git git) {

  public record Git(@DefaultValue("promotion-service") String username, String password,
      @DefaultValue("PT20S") Duration timeout) {}

  public Path workDirOrTemp() {
    return workDir != null ? workDir
        : Path.of(System.getProperty("java.io.tmpdir"), "catalyst-promotion-git");
  }
}
