package io.catalyst.provisioning.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.provisioning.githost.SecretScanner;
import io.catalyst.provisioning.support.Manifests;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationRepositoryLayoutTest {

  private static final ApplicationRepositoryLayout.Spec SPEC = new ApplicationRepositoryLayout.Spec("muscat-pharmacy",
      "pharmacy", "bp-pharmacy", "2.1.0", "sha256:0f1e", "oci://catalog", "replicas: 2\n", "team-platform",
      List.of("fsn"), List.of("db-password"));

  /** Issue 12: an SME with only prod used to get develop and staging too. */
  @Test
  void theBranchesAreThoseOfTheOrganizationsEnvironmentsOnly() {
    assertThat(ApplicationRepositoryLayout.branches(Set.of(EnvironmentType.PROD))).containsExactly("main");
    assertThat(ApplicationRepositoryLayout.branches(Set.of(EnvironmentType.PROD, EnvironmentType.UAT,
        EnvironmentType.POC, EnvironmentType.DEV))).containsExactly("develop", "uat", "main", "poc");
    assertThat(ApplicationRepositoryLayout.firstBranch(List.of("develop", "main"))).isEqualTo("main");
    assertThat(ApplicationRepositoryLayout.firstBranch(List.of("develop"))).isEqualTo("develop");
  }

  @Test
  void aNewEnvironmentsBranchStartsFromTheNextHigherEnvironmentsBranch() {
    assertThat(ApplicationRepositoryLayout.sourceBranch(EnvironmentType.STG, List.of("main"))).hasValue("main");
    assertThat(ApplicationRepositoryLayout.sourceBranch(EnvironmentType.DEV, List.of("main", "staging")))
        .hasValue("staging");
    assertThat(ApplicationRepositoryLayout.sourceBranch(EnvironmentType.STG, List.of("develop", "uat", "main")))
        .hasValue("uat");
    // At the top of the chain: the closest lower one; poc from main; nothing without an Environment branch.
    assertThat(ApplicationRepositoryLayout.sourceBranch(EnvironmentType.PROD, List.of("develop", "staging")))
        .hasValue("staging");
    assertThat(ApplicationRepositoryLayout.sourceBranch(EnvironmentType.POC, List.of("develop", "main")))
        .hasValue("main");
    assertThat(ApplicationRepositoryLayout.sourceBranch(EnvironmentType.DEV, List.of("feature-x"))).isEmpty();
  }

  @Test
  void theInitialFilesFollowTheArchitecture() {
    Map<String, String> files = ApplicationRepositoryLayout.files(SPEC, Set.of(EnvironmentType.PROD, EnvironmentType.UAT));
    assertThat(files.keySet()).contains("blueprint.lock.yaml", "kustomization.yaml", "release.yaml", "values.yaml",
        "overlays/uat/values.yaml", "overlays/prod/values.yaml",
        "overlays/prod/kustomization.yaml", "placement.yaml", "secrets/kustomization.yaml",
        "secrets/external-secret.yaml", "CODEOWNERS").doesNotContain("overlays/poc/values.yaml",
        "overlays/dev/values.yaml", "overlays/stg/values.yaml");
    assertThat(files.get("CODEOWNERS")).contains("* @muscat-pharmacy/team-platform");
    assertThat(files.get("blueprint.lock.yaml")).contains("blueprint: bp-pharmacy", "version: 2.1.0", "digest: sha256:0f1e");
    for (String manifest : List.of("kustomization.yaml", "release.yaml", "overlays/prod/kustomization.yaml",
        "secrets/kustomization.yaml", "secrets/external-secret.yaml")) {
      Manifests.load(manifest, files.get(manifest));
    }
    // What the repository starts with passes its own push checks.
    SecretScanner scanner = new SecretScanner();
    files.forEach((path, content) -> assertThat(scanner.scan(path, content)).as(path).isEmpty());
  }

  @Test
  void anApplicationNobodyChoseATeamForIsOwnedByTheOrgAdminsRole() {
    ApplicationRepositoryLayout.Spec byRole = new ApplicationRepositoryLayout.Spec("muscat-pharmacy", "pharmacy",
        "bp-pharmacy", "2.1.0", "sha256:0f1e", "oci://catalog", "{}\n", "role:org-admin", List.of("fsn"), List.of());
    assertThat(ApplicationRepositoryLayout.files(byRole, Set.of(EnvironmentType.PROD)).get("CODEOWNERS"))
        .contains("* @muscat-pharmacy/role:org-admin");
  }

  @Test
  void namesAreChecked() {
    assertThatThrownBy(() -> ApplicationRepositoryLayout.files(new ApplicationRepositoryLayout.Spec("acme",
        "../x", "bp-a", "1.0.0", "d", "r", "", "team", List.of("fsn"), List.of()), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
