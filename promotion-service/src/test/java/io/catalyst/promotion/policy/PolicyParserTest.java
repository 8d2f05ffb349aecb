package io.catalyst.promotion.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.promotion.policy.EnvironmentName.EnvType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

  static final ZoneId MUSCAT = ZoneId.of("Asia/Muscat");
  final PolicyParser parser = new PolicyParser(MUSCAT);
  final EnvironmentName acmeProd = new EnvironmentName("acme", EnvType.PROD);

  static final String CORPORATE = """
      apiVersion: catalyst.openova.io/v1alpha1
      kind: EnvironmentPolicy
      metadata: { name: acme-prod-policy, namespace: catalyst-system }
      spec:
        appliesTo: { environments: [acme-prod] }
        timezone: Europe/Berlin
        rules:
          - kind: pr-required
            approvers: [team-platform, team-security, "role:security-officer"]
            minApprovals: 2
          - kind: re-score-gate
            minScore: 80
            severity: advisory
          - kind: soak
            sourceEnvironment: acme-uat
            duration: 72h
          - kind: change-window
            cron: "0 14 * * 2,4"
            duration: 2h
            timezone: Asia/Muscat
      """;

  @Test
  void readsTheDomainShapeWithTimezoneAndEveryRuleKind() {
    PolicyParser.Result r = parser.parse(CORPORATE, acmeProd);

    assertThat(r.errors()).isEmpty();
    EnvironmentPolicy p = r.policy();
    assertThat(p.environment()).isEqualTo(acmeProd);
    assertThat(p.name()).isEqualTo("acme-prod-policy");
    assertThat(p.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(p.rules()).containsExactly(
        new PolicyRule.PrRequired(List.of(ApproverRef.team("team-platform"), ApproverRef.team("team-security"),
            new ApproverRef(ApproverRef.Kind.ROLE, "security-officer")), 2, PolicyRule.SelfApproval.NEVER,
            Severity.BLOCKING),
        new PolicyRule.ReScoreGate(80, Severity.ADVISORY),
        new PolicyRule.Soak("acme-uat", Duration.ofHours(72), Severity.BLOCKING),
        new PolicyRule.ChangeWindow("0 14 * * 2,4", Duration.ofHours(2), MUSCAT, Severity.BLOCKING));
    assertThat(p.promotionRequired()).isPresent();
  }

  @Test
  void aPolicyWithoutTimezoneTakesTheSovereignsAndNoRulesMeansDirectChanges() {
    PolicyParser.Result r = parser.parse("""
        apiVersion: catalyst.openova.io/v1alpha1
        kind: EnvironmentPolicy
        metadata: {name: acme-dev-policy}
        spec: {appliesTo: {environments: [acme-dev]}}
        """, null);

    assertThat(r.errors()).isEmpty();
    assertThat(r.policy().timezone()).isEqualTo(MUSCAT);
    assertThat(r.policy().rules()).isEmpty();
    assertThat(r.policy().promotionRequired()).isEmpty();
  }

  @Test
  void reportsEveryInvalidFieldWithItsPathAtOnce() {
    PolicyParser.Result r = parser.parse("""
        apiVersion: catalyst.openova.io/v2
        kind: Policy
        metadata: { name: other-name, namespace: default }
        spec:
          appliesTo: { environments: [acme-prod] }
          timezone: Mars/Olympus
          colour: blue
          rules:
            - kind: pr-required
              approvers: [platform, "role:king", team-platform, team-platform]
              minApprovals: 0
              selfApproval: always
            - kind: re-score-gate
              minScore: 180
              severity: loud
            - kind: soak
              sourceEnvironment: other-stg
              duration: three days
            - kind: change-window
              cron: "0 14 * *"
              duration: 2h
              timezone: GST
            - kind: change-window
              cron: "0 14 * * 2"
              duration: 1h
            - kind: freeze
        """, acmeProd);

    assertThat(r.ok()).isFalse();
    assertThat(r.errors()).extracting(PolicyError::path).containsExactlyInAnyOrder(
        "apiVersion", "kind", "metadata.namespace", "metadata.name", "spec.colour", "spec.timezone",
        "spec.rules[0].approvers[0]", "spec.rules[0].approvers[1]", "spec.rules[0].approvers[3]",
        "spec.rules[0].minApprovals", "spec.rules[0].selfApproval",
        "spec.rules[1].severity", "spec.rules[1].minScore",
        "spec.rules[2].sourceEnvironment", "spec.rules[2].duration",
        "spec.rules[3].cron", "spec.rules[3].timezone",
        "spec.rules[4].kind", "spec.rules[5].kind");
    assertThat(r.errors()).contains(
        new PolicyError("spec.rules[0].approvers[0]",
            "must name a team (team-…, lowercase letters, digits and '-') or a role (role:org-admin)"),
        new PolicyError("spec.rules[1].minScore", "must be a whole number from 0 to 100"),
        new PolicyError("spec.rules[2].sourceEnvironment", "must be an Environment of acme"),
        new PolicyError("metadata.name", "must be acme-prod-policy (the policy of acme-prod is named after it)"));
    assertThat(r.errors()).filteredOn(e -> e.path().equals("spec.rules[3].cron")).first()
        .extracting(PolicyError::message).asString().contains("5 fields");
  }

  @Test
  void aFileMustBeForTheEnvironmentItsPathNames() {
    PolicyParser.Result r = parser.parse(CORPORATE, new EnvironmentName("acme", EnvType.UAT));

    assertThat(r.errors()).containsExactly(new PolicyError("spec.appliesTo.environments[0]",
        "must be acme-uat: this file is policies/acme-uat-policy.yaml"));
  }

  @Test
  void brokenYamlAndWrongShapesAreErrorsNotExceptions() {
    assertThat(parser.parse("spec: [unclosed", acmeProd).errors()).singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("is not valid YAML at line"));
    assertThat(parser.parse("- a list", acmeProd).errors()).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("mapping"));
    assertThat(parser.parse("a: 1\na: 2\n", acmeProd).ok()).isFalse();
    assertThat(parser.parse("""
        apiVersion: catalyst.openova.io/v1alpha1
        kind: EnvironmentPolicy
        metadata: {name: acme-prod-policy}
        spec: {appliesTo: {environments: [acme-prod, acme-stg]}, rules: {kind: soak}}
        """, acmeProd).errors()).extracting(PolicyError::path)
        .containsExactlyInAnyOrder("spec.appliesTo.environments", "spec.rules");
  }

  @Test
  void approverReferencesNameATeamOrARole() {
    assertThat(ApproverRef.parse("team-platform").ref()).isEqualTo(ApproverRef.team("team-platform"));
    assertThat(ApproverRef.parse("role:org-admin").ref().names(java.util.Set.of(), java.util.Set.of("org-admin")))
        .isTrue();
    assertThat(ApproverRef.parse("role:sovereign-admin").problem()).contains("role:");
    assertThat(ApproverRef.parse("role:service").ref()).isNull();
    assertThat(ApproverRef.parse("Team-X").ref()).isNull();
    assertThat(ApproverRef.team("team-a").names(java.util.Set.of("team-a"), java.util.Set.of())).isTrue();
  }

  @Test
  void durationsReadAsPoliciesWriteThem() {
    assertThat(PolicyDuration.parse("72h")).contains(Duration.ofHours(72));
    assertThat(PolicyDuration.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(PolicyDuration.parse("3d")).contains(Duration.ofDays(3));
    assertThat(PolicyDuration.parse("PT2H")).isEmpty();
    assertThat(PolicyDuration.parse("2 h")).isEmpty();
    assertThat(PolicyDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
  }
}
