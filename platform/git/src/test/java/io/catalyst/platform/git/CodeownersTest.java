package io.catalyst.platform.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.git.Codeowners.Changer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeownersTest {

  private static final Codeowners OWNERS = Codeowners.parse("""
      # Owners of payments
      * @bank-dhofar/team-payments
      /overlays/prod/ @bank-dhofar/team-sre @bank-dhofar/team-payments-leads
      *.md
      secrets/** @bank-dhofar/team-security  # references only
      /release.yaml @ahmed
      """);

  private static Changer developer(String... teams) {
    return new Changer("layla", Set.of("org-developer"), Set.of(teams));
  }

  @Test
  void theLastMatchingRuleOwnsAPath() {
    assertThat(OWNERS.ownerOf("values.yaml").orElseThrow().teams()).containsExactly("team-payments");
    assertThat(OWNERS.ownerOf("overlays/prod/values.yaml").orElseThrow().teams())
        .containsExactly("team-sre", "team-payments-leads");
    assertThat(OWNERS.ownerOf("overlays/dev/values.yaml").orElseThrow().teams()).containsExactly("team-payments");
    assertThat(OWNERS.ownerOf("docs/README.md")).isEmpty(); // a rule without owners unowns it
    assertThat(OWNERS.ownerOf("secrets/external-secret.yaml").orElseThrow().teams())
        .containsExactly("team-security");
    assertThat(OWNERS.ownerOf("release.yaml").orElseThrow().users()).containsExactly("ahmed");
    assertThat(OWNERS.ownerOf("charts/release.yaml").orElseThrow().teams()).containsExactly("team-payments");
    assertThat(OWNERS.catchAllTeam()).hasValue("team-payments");
  }

  @Test
  void onlyMembersOfAnOwningTeamChangeAnOwnedPath() {
    List<String> changed = List.of("overlays/dev/values.yaml", "overlays/prod/values.yaml", "README.md");
    assertThat(OWNERS.check(developer("team-payments"), changed)).extracting(Codeowners.Violation::path)
        .containsExactly("overlays/prod/values.yaml");
    assertThat(OWNERS.check(developer("team-sre", "team-payments"), changed)).isEmpty();
    List<Codeowners.Violation> none = OWNERS.check(developer(), changed);
    assertThat(none).hasSize(2);
    assertThat(Codeowners.message("develop", developer(), none)).contains("your teams: none",
        "overlays/dev/values.yaml — owned by @bank-dhofar/team-payments",
        "overlays/prod/values.yaml — owned by @bank-dhofar/team-sre @bank-dhofar/team-payments-leads");
    Changer ahmed = new Changer("ahmed", Set.of("org-developer"), Set.of());
    assertThat(OWNERS.check(ahmed, List.of("release.yaml"))).isEmpty();
  }

  /** Issue 12: a role reference ({@code @org/role:…}) owns like a team, matched against the caller's roles. */
  @Test
  void aRoleReferenceOwnsForTheHoldersOfTheRole() {
    Codeowners byRole = Codeowners.parse("""
        * @bank-dhofar/role:org-admin
        /overlays/dev/ @bank-dhofar/role:org-developer
        """);
    assertThat(byRole.ownerOf("values.yaml").orElseThrow().roles()).containsExactly("org-admin");
    assertThat(byRole.ownerOf("values.yaml").orElseThrow().teams()).isEmpty();
    assertThat(byRole.catchAllOwner()).hasValue(Codeowners.ORG_ADMINS);
    assertThat(byRole.catchAllTeam()).isEmpty();
    // A developer (in a team or not) may change what the developers' role owns, nothing the org-admins' role owns.
    List<String> changed = List.of("overlays/dev/values.yaml", "values.yaml");
    assertThat(byRole.check(developer(), changed)).extracting(Codeowners.Violation::path)
        .containsExactly("values.yaml");
    assertThat(byRole.check(developer("team-payments"), changed)).extracting(Codeowners.Violation::path)
        .containsExactly("values.yaml");
    assertThat(Codeowners.message("develop", developer(), byRole.check(developer(), changed)))
        .contains("values.yaml — owned by @bank-dhofar/role:org-admin");
    // A viewer holds neither role.
    Changer viewer = new Changer("v", Set.of("org-viewer"), Set.of());
    assertThat(byRole.check(viewer, changed)).hasSize(2);
  }

  @Test
  void servicesSovereignAdminsAndOrgAdminsAreNotHeldToIt() {
    List<String> changed = List.of("overlays/prod/values.yaml");
    assertThat(OWNERS.check(new Changer("provisioning-service", Set.of("service"), Set.of()), changed))
        .isEmpty();
    assertThat(OWNERS.check(new Changer("sov", Set.of("sovereign-admin"), Set.of()), changed)).isEmpty();
    assertThat(OWNERS.check(new Changer("a", Set.of("org-admin"), Set.of()), changed))
        .isEmpty();
  }

  @Test
  void patterns() {
    assertThat(Codeowners.compile("*").matcher("a/b/c.yaml").matches()).isTrue();
    assertThat(Codeowners.compile("*.yaml").matcher("a/b/c.yaml").matches()).isTrue();
    assertThat(Codeowners.compile("*.yaml").matcher("a/b/c.txt").matches()).isFalse();
    assertThat(Codeowners.compile("docs/").matcher("docs/a/b.md").matches()).isTrue();
    assertThat(Codeowners.compile("/docs/").matcher("x/docs/a.md").matches()).isFalse();
    assertThat(Codeowners.compile("/overlays/*/values.yaml").matcher("overlays/prod/values.yaml").matches()).isTrue();
    assertThat(Codeowners.compile("**/values.yaml").matcher("overlays/prod/values.yaml").matches()).isTrue();
    assertThat(Codeowners.compile("values.yaml").matcher("overlays/prod/values.yaml").matches()).isTrue();
  }
}
