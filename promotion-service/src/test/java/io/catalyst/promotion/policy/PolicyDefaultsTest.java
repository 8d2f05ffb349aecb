package io.catalyst.promotion.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.promotion.policy.EnvironmentName.EnvType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyDefaultsTest {

  static final ZoneId MUSCAT = ZoneId.of("Asia/Muscat");

  @Test
  void smeProdIsDirectWhileNoLowerEnvironmentExists() {
    EnvironmentPolicy p = PolicyDefaults.smeProd("muscat-pharmacy", Set.of(EnvType.PROD), MUSCAT);

    assertThat(p.rules()).isEmpty();
    assertThat(p.promotionRequired()).isEmpty();
    // A sandbox is not a lower Environment: nothing is promoted from poc.
    assertThat(PolicyDefaults.smeProd("muscat-pharmacy", Set.of(EnvType.PROD, EnvType.POC), MUSCAT).rules())
        .isEmpty();
  }

  @Test
  void smeProdWithALowerEnvironmentNeedsOneOrgAdminApprovalSelfApprovalForASingleAdmin() {
    EnvironmentPolicy p = PolicyDefaults.smeProd("muscat-pharmacy", Set.of(EnvType.PROD, EnvType.STG), MUSCAT);

    assertThat(p.rules()).containsExactly(new PolicyRule.PrRequired(List.of(new ApproverRef(ApproverRef.Kind.ROLE,
        "org-admin")), 1, PolicyRule.SelfApproval.SINGLE_ADMIN, Severity.BLOCKING));
  }

  @Test
  void corporateProdNeedsTwoTeamApprovalsScoreSoakAndAWindow() {
    EnvironmentPolicy p = PolicyDefaults.corporateProd("bank-dhofar",
        Set.of(EnvType.DEV, EnvType.STG, EnvType.UAT, EnvType.PROD), List.of("team-platform", "team-security"),
        MUSCAT);

    assertThat(p.rules()).containsExactly(
        new PolicyRule.PrRequired(List.of(ApproverRef.team("team-platform"), ApproverRef.team("team-security")), 2,
            PolicyRule.SelfApproval.NEVER, Severity.BLOCKING),
        new PolicyRule.ReScoreGate(80, Severity.BLOCKING),
        new PolicyRule.Soak("bank-dhofar-uat", Duration.ofHours(72), Severity.BLOCKING),
        new PolicyRule.ChangeWindow("0 14 * * 2,4", Duration.ofHours(2), null, Severity.BLOCKING));
    // Without uat, the soak is in staging; without teams, roles approve.
    EnvironmentPolicy noUat = PolicyDefaults.corporateProd("bank-dhofar", Set.of(EnvType.STG, EnvType.PROD),
        List.of(), MUSCAT);
    assertThat(noUat.rules(PolicyRule.Soak.class).getFirst().sourceEnvironment()).isEqualTo("bank-dhofar-stg");
    assertThat(noUat.promotionRequired().orElseThrow().approvers()).extracting(ApproverRef::toString)
        .containsExactly("role:org-admin", "role:security-officer");
  }

  @Test
  void defaultsAreWrittenAsFilesTheParserReadsBack() {
    PolicyParser parser = new PolicyParser(ZoneId.of("UTC"));
    for (EnvironmentPolicy p : List.of(
        PolicyDefaults.smeProd("muscat-pharmacy", Set.of(EnvType.PROD), MUSCAT),
        PolicyDefaults.smeProd("muscat-pharmacy", Set.of(EnvType.PROD, EnvType.DEV), MUSCAT),
        PolicyDefaults.corporateProd("bank-dhofar", Set.of(EnvType.UAT, EnvType.PROD), List.of("team-sre"),
            ZoneId.of("Europe/Berlin")))) {
      PolicyParser.Result r = parser.parse(PolicyWriter.toYaml(p), p.environment());
      assertThat(r.errors()).isEmpty();
      assertThat(r.policy()).isEqualTo(p);
    }
  }

  @Test
  void thePromotionOrderSkipsMissingEnvironments() {
    Set<EnvType> envs = Set.of(EnvType.DEV, EnvType.STG, EnvType.PROD);
    assertThat(PolicyDefaults.nextAbove(EnvType.DEV, envs)).contains(EnvType.STG);
    assertThat(PolicyDefaults.nextAbove(EnvType.STG, envs)).contains(EnvType.PROD);
    assertThat(PolicyDefaults.nextAbove(EnvType.PROD, envs)).isEmpty();
    assertThat(PolicyDefaults.nextAbove(EnvType.POC, envs)).isEmpty();
    assertThat(EnvironmentName.parse("bank-dhofar-uat")).contains(new EnvironmentName("bank-dhofar", EnvType.UAT));
    assertThat(EnvironmentName.parse("acme-qa")).isEmpty();
  }
}
