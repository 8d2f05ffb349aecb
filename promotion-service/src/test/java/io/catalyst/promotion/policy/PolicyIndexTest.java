package io.catalyst.promotion.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.promotion.configrepo.ConfigRepository;
import io.catalyst.promotion.configrepo.ConfigRepositoryProperties;
import io.catalyst.promotion.support.ConfigRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index fed by the real fetch code ({@link ConfigRepository}, JGit) from a local repository: valid files are in
 * force, an invalid version is refused and the last valid one stays, a deleted file takes its policy out.
 */
class PolicyIndexTest {

  @TempDir Path dir;

  static final String PR = """
          - kind: pr-required
            approvers: [team-platform, team-security]
            minApprovals: 2
      """;

  @Test
  void followsTheRepositoryKeepingTheLastValidVersionOfARefusedFile() throws Exception {
    ConfigRepoFixture config = new ConfigRepoFixture(dir.resolve("catalyst-config"));
    ConfigRepository repository = new ConfigRepository(new ConfigRepositoryProperties(
        config.directory().toUri().toString(), "main", dir.resolve("work"), Duration.ofMinutes(5),
        new ConfigRepositoryProperties.Git("promotion-service", null, Duration.ofSeconds(10))), null);
    PolicyIndex index = new PolicyIndex(new PolicyParser(ZoneId.of("Asia/Muscat")));
    EnvironmentName acmeProd = EnvironmentName.parse("acme-prod").orElseThrow();
    EnvironmentName acmeDev = EnvironmentName.parse("acme-dev").orElseThrow();

    // An empty repository (no main yet) is an empty index, not an error.
    assertThat(apply(index, repository).loaded()).isEmpty();

    String first = config.commit(Map.of(
        "policies/acme-prod-policy.yaml", ConfigRepoFixture.policy("acme-prod", PR),
        "policies/acme-dev-policy.yaml", ConfigRepoFixture.policy("acme-dev", ""),
        "README.md", "not a policy"), "policies");
    PolicyIndex.Report report = apply(index, repository);
    assertThat(report.commit()).isEqualTo(first);
    assertThat(report.loaded()).containsExactlyInAnyOrder(acmeProd, acmeDev);
    assertThat(index.find(acmeProd).orElseThrow().policy().promotionRequired()).isPresent();
    assertThat(index.find(acmeProd).orElseThrow().commit()).isEqualTo(first);

    Map<String, String> broken = new HashMap<>();
    broken.put("policies/acme-prod-policy.yaml", ConfigRepoFixture.policy("acme-prod", """
            - kind: pr-required
              approvers: [platform]
              minApprovals: 0
        """));
    broken.put("policies/nonsense.yaml", "kind: x");
    String second = config.commit(broken, "break it");
    report = apply(index, repository);
    assertThat(report.refused()).extracting(PolicyIndex.Refusal::path)
        .containsExactly("policies/acme-prod-policy.yaml", "policies/nonsense.yaml");
    PolicyIndex.Refusal refusal = report.refused().getFirst();
    assertThat(refusal.commit()).isEqualTo(second);
    assertThat(refusal.errors()).extracting(PolicyError::path)
        .containsExactly("spec.rules[0].approvers[0]", "spec.rules[0].minApprovals");
    assertThat(refusal.inForce().commit()).isEqualTo(first);
    assertThat(index.find(acmeProd).orElseThrow().commit()).isEqualTo(first);
    assertThat(index.find(acmeProd).orElseThrow().policy().promotionRequired()).isPresent();

    Map<String, String> delete = new HashMap<>();
    delete.put("policies/acme-dev-policy.yaml", null);
    config.commit(delete, "drop dev");
    report = apply(index, repository);
    assertThat(report.removed()).containsExactly(acmeDev);
    assertThat(index.find(acmeDev)).isEmpty();
    assertThat(index.find(acmeProd)).isPresent();
    assertThat(Files.exists(dir.resolve("work/catalyst-config.git/HEAD"))).isTrue();
  }

  private static PolicyIndex.Report apply(PolicyIndex index, ConfigRepository repository) throws Exception {
    ConfigRepository.Snapshot s = repository.read(PolicyIndex.FOLDER);
    return index.apply(s.commit(), s.files());
  }
}
