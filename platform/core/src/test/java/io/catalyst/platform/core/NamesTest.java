package io.catalyst.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void organizations() {
    assertThat(Names.isOrganization("muscat-pharmacy")).isTrue();
    assertThat(Names.isOrganization("abc")).isTrue();
    assertThat(Names.isOrganization("ab")).as("too short").isFalse();
    assertThat(Names.isOrganization("a".repeat(33))).as("too long").isFalse();
    assertThat(Names.isOrganization("1bank")).isFalse();
    assertThat(Names.isOrganization("bank-")).isFalse();
    assertThat(Names.isOrganization("Bank")).isFalse();
    assertThat(Names.isOrganization(null)).isFalse();
    assertThat(Names.organizationProblem("bank--dhofar")).hasValue("must not contain two hyphens in a row");
    assertThat(Names.organizationProblem("bank-prod")).hasValueSatisfying(p -> assertThat(p).contains("-prod"));
    assertThat(Names.organizationProblem("catalyst")).hasValue("is reserved; choose another name");
    assertThat(Names.organizationProblem("kube-system")).hasValue("is reserved; choose another name");
    assertThat(Names.organizationProblem("slug-availability")).as("a path of identity's").isPresent();
    assertThat(Names.organizationProblem("bank-dhofar")).isEmpty();
  }

  @Test
  void applications() {
    assertThat(Names.isApplication("erp")).isTrue();
    assertThat(Names.isApplication("e")).isTrue();
    assertThat(Names.isApplication("pharmacy-erp-2")).isTrue();
    assertThat(Names.isApplication("a".repeat(41))).isFalse();
    assertThat(Names.isApplication("erp-")).isFalse();
    assertThat(Names.isApplication("-erp")).isFalse();
    assertThat(Names.isApplication("ERP")).isFalse();
  }

  @Test
  void blueprints() {
    assertThat(Names.isBlueprint("bp-erpnext")).isTrue();
    assertThat(Names.isBlueprint("bp-bundle-pharmacy")).isTrue();
    assertThat(Names.isBlueprint("erpnext")).isFalse();
    assertThat(Names.isBlueprint("bp-")).isFalse();
    assertThat(Names.isBlueprint("bp-erp-")).isFalse();
  }
}
