package io.catalyst.identity.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.platform.web.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleBindingsTest {

  @Test
  void acceptsEveryOrganizationRoleAndDropsDuplicates() {
    var binding = RoleBindings.validate("acme", List.of("org-viewer", "billing-admin", "org-viewer"), null);
    assertThat(binding.roles()).containsExactly("org-viewer", "billing-admin");
    assertThat(binding.environments()).isEmpty();
    for (String role : RoleBindings.ORG_ROLES) {
      if (!role.equals("org-developer")) {
        assertThat(RoleBindings.validate("acme", List.of(role), List.of()).roles()).containsExactly(role);
      }
    }
  }

  @Test
  void refusesUnknownCrossOrganizationAndEmptyRoles() {
    for (List<String> roles : List.of(List.<String>of(), List.of("sovereign-admin"), List.of("service"),
        List.of("owner"))) {
      assertThatThrownBy(() -> RoleBindings.validate("acme", roles, List.of()))
          .isInstanceOf(ProblemException.class).hasMessageContaining("roles");
    }
    assertThatThrownBy(() -> RoleBindings.validate("acme", null, null)).isInstanceOf(ProblemException.class);
  }

  @Test
  void developersAreBoundToEnvironmentsOfTheirOwnOrganization() {
    var binding = RoleBindings.validate("acme", List.of("org-developer"), List.of("acme-dev", "acme-prod"));
    assertThat(binding.environments()).containsExactly("acme-dev", "acme-prod");
    assertThatThrownBy(() -> RoleBindings.validate("acme", List.of("org-developer"), List.of()))
        .hasMessageContaining("at least one Environment");
    assertThatThrownBy(() -> RoleBindings.validate("acme", List.of("org-developer"), List.of("other-dev")))
        .hasMessageContaining("not an Environment of acme");
    assertThatThrownBy(() -> RoleBindings.validate("acme", List.of("org-developer"), List.of("acme-test")))
        .hasMessageContaining("acme-test");
    assertThatThrownBy(() -> RoleBindings.validate("acme", List.of("org-viewer"), List.of("acme-dev")))
        .hasMessageContaining("only org-developer");
  }

  @Test
  void environmentNamesAreParsedOnTheLastHyphen() {
    assertThat(RoleBindings.isEnvironmentOf("al-noor", "al-noor-uat")).isTrue();
    assertThat(RoleBindings.isEnvironmentOf("al", "al-noor-uat")).isFalse();
    assertThat(RoleBindings.isEnvironmentOf("acme", "acme-prod-dev")).isFalse();
    assertThat(RoleBindings.isEnvironmentOf("acme", null)).isFalse();
  }

  @Test
  void diffNamesGrantedRevokedAndMovedEnvironments() {
    var after = RoleBindings.validate("acme", List.of("org-developer", "billing-admin"), List.of("acme-stg"));
    var change = RoleBindings.diff(List.of("org-developer", "org-viewer"), List.of("acme-dev"), after);
    assertThat(change.granted()).containsExactly("billing-admin");
    assertThat(change.revoked()).containsExactly("org-viewer");
    assertThat(change.environmentsChanged()).isTrue();
    assertThat(RoleBindings.diff(List.of("org-developer", "billing-admin"), List.of("acme-stg"), after))
        .isEqualTo(new RoleBindings.Change(List.of(), List.of(), false));
  }

  @Test
  void theLastAdminCannotGo() {
    assertThat(RoleBindings.leavesNoAdmin(true, false, 0)).isTrue();
    assertThat(RoleBindings.leavesNoAdmin(true, false, 1)).isFalse();
    assertThat(RoleBindings.leavesNoAdmin(true, true, 0)).isFalse();
    assertThat(RoleBindings.leavesNoAdmin(false, false, 0)).isFalse();
  }

  @Test
  void invitationTokensAreRecognisableRandomAndHashed() {
    String a = InvitationTokens.generate();
    String b = InvitationTokens.generate();
    assertThat(a).startsWith("cat_inv_").hasSize(8 + 43).isNotEqualTo(b);
    assertThat(InvitationTokens.hash(a)).hasSize(32).isEqualTo(InvitationTokens.hash(a))
        .isNotEqualTo(InvitationTokens.hash(b));
  }

  @Test
  void anInvitationIsValidForItsLifetimeAndUsedOnce() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Instant expires = now.plus(Duration.ofDays(7));
    assertThat(InvitationTokens.Verdict.of(null, null, expires, now)).isEqualTo(InvitationTokens.Verdict.VALID);
    assertThat(InvitationTokens.Verdict.of(null, null, expires, expires.minusMillis(1)))
        .isEqualTo(InvitationTokens.Verdict.VALID);
    assertThat(InvitationTokens.Verdict.of(null, null, expires, expires)).isEqualTo(InvitationTokens.Verdict.EXPIRED);
    assertThat(InvitationTokens.Verdict.of(now, null, expires, now)).isEqualTo(InvitationTokens.Verdict.USED);
    assertThat(InvitationTokens.Verdict.of(null, now, expires, now)).isEqualTo(InvitationTokens.Verdict.REVOKED);
  }
}
