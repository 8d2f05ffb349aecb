package io.catalyst.catalog.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.catalog.*}: the Git sources Blueprints come from.
 *
 * @param sources                 Sovereign-wide sources: owner {@code catalog} (public mirror) and
 *                                {@code catalog-sovereign}; any other owner is an Organization's private source
 * @param organizationSourceUrl   URL template of an Organization's source, with {@code {owner}} and {@code {repo}};
 *                                used when a push to {@code {org}/shared-blueprints} arrives
 * @param organizationSourceRepo  the repository name of Organization sources
 * @param workDir                 where sources are cloned (bare)
 * @param syncInterval            how often every source is fetched even without a push event
 * @param seedFrom                a catalog-content folder: if set and the {@code catalog} source is a {@code file://}
 *                                repository that does not exist yet, it is created from this folder on start
 * @param git                     the service credential for hosted repositories
 */
@ConfigurationProperties("catalyst.catalog")
public record CatalogProperties(
    @DefaultValue List<Source> sources,
    String organizationSourceUrl,
    @DefaultValue("shared-blueprints") String organizationSourceRepo,
    Path workDir,
    @DefaultValue("PT5M") Duration syncInterval,
    Path seedFrom,
    @DefaultValue Git git) {

  public record Source(String owner, @DefaultValue("blueprints") String repo, String url,
      @DefaultValue("main") String branch) {}

  public record Git(String username, String password, @DefaultValue("PT30S") Duration timeout) {}

  public Path workDirOrTemp() {
    return workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "catalyst-catalog-git");
  }
}
