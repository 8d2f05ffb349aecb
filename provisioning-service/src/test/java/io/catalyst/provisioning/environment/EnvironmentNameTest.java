package io.catalyst.provisioning.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.Names;
import org.junit.jupiter.api.Test;

class EnvironmentNameTest {

  @Test
  void branchesMapToEnvironmentTypes() {
    assertThat(EnvironmentType.ofBranch("develop")).hasValue(EnvironmentType.DEV);
    assertThat(EnvironmentType.ofBranch("staging")).hasValue(EnvironmentType.STG);
    assertThat(EnvironmentType.ofBranch("uat")).hasValue(EnvironmentType.UAT);
    assertThat(EnvironmentType.ofBranch("main")).hasValue(EnvironmentType.PROD);
    assertThat(EnvironmentType.ofBranch("poc")).hasValue(EnvironmentType.POC);
    assertThat(EnvironmentType.ofBranch("feature/x")).isEmpty();
  }

  @Test
  void namesParseOnTheLastHyphen() {
    assertThat(EnvironmentName.parse("bank-dhofar-prod"))
        .hasValue(new EnvironmentName("bank-dhofar", EnvironmentType.PROD));
    assertThat(EnvironmentName.of("acme", EnvironmentType.DEV)).hasToString("acme-dev");
    for (String bad : new String[] {"acme", "acme-dr", "ac-dev", "system-prod", "acme--x-dev", "Acme-dev",
        "acme-dev-prod", "-acme-dev"}) {
      assertThat(EnvironmentName.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void organizationNames() {
    assertThat(Names.isOrganization("muscat-pharmacy")).isTrue();
    assertThat(Names.isOrganization("ab")).isFalse();
    assertThat(Names.isOrganization("a".repeat(33))).isFalse();
    assertThat(Names.isOrganization("acme-")).isFalse();
    assertThat(Names.isOrganization("shared-blueprints")).isFalse();
    assertThat(Names.isOrganization("kube-public")).isFalse();
  }
}
