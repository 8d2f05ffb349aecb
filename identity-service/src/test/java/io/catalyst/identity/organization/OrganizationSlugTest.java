package io.catalyst.identity.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationSlugTest {

  @ParameterizedTest
  @ValueSource(strings = {"acme", "abc", "bank-dhofar", "muscat-pharmacy-2", "a1b", "org-production",
      "a2345678901234567890123456789012", "dev-shop", "prodigy", "kubernetes", "system2"})
  void valid(String slug) {
    assertThat(OrganizationSlug.problem(slug)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "ab, 3 to 32",
      "a23456789012345678901234567890123, 3 to 32",
      "Acme, lowercase",
      "1acme, start with a letter",
      "-acme, start with a letter",
      "acme-, end with a letter",
      "ac_me, lowercase",
      "ac.me, lowercase",
      "ac--me, two hyphens",
      "acme-prod, -prod",
      "acme-stg, -prod",
      "acme-uat, -prod",
      "acme-dev, -prod",
      "acme-poc, -prod",
      "system, reserved",
      "flux, reserved",
      "crossplane, reserved",
      "catalyst, reserved",
      "gitea, reserved",
      "catalog, reserved",
      "catalog-sovereign, reserved",
      "shared-blueprints, reserved",
      "kube-system, reserved",
      "kube-public, reserved",
      "aws, reserved",
      "oci, reserved",
      "gcp, reserved",
      "fsn, reserved",
      "apse, reserved",
      "dxb, reserved",
      "rtz, reserved",
      "dmz, reserved",
      "mgt, reserved",
      "prod, reserved",
      "poc, reserved",
      "slug-suggestion, reserved"})
  void invalid(String slug, String reason) {
    assertThat(OrganizationSlug.problem(slug)).hasValueSatisfying(p -> assertThat(p).contains(reason));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Muscat Pharmacy|muscat-pharmacy",
      "  Al-Noor Trading L.L.C.  |al-noor-trading-l-l-c",
      "Café Ñandú|cafe-nandu",
      "Smith & Sons|smith-and-sons",
      "Bob's Garage|bobs-garage",
      "123 Logistics|logistics",
      "AB|ab-org",
      "مسقط|my-business",
      "System|system-org",
      "Acme Dev|acme-dev-org",
      "The Very Long Business Name That Goes On And On|the-very-long-business-name-that"})
  void suggestsAValidSlugFromABusinessName(String name, String expected) {
    String slug = OrganizationSlug.suggest(name, s -> false);
    assertThat(slug).isEqualTo(expected);
    assertThat(OrganizationSlug.isValid(slug)).isTrue();
  }

  @org.junit.jupiter.api.Test
  void aTakenSuggestionGetsTheFirstFreeSuffix() {
    Set<String> taken = Set.of("muscat-pharmacy", "muscat-pharmacy-2");
    assertThat(OrganizationSlug.suggest("Muscat Pharmacy", taken::contains)).isEqualTo("muscat-pharmacy-3");
    String longName = "a".repeat(40);
    String suggestion = OrganizationSlug.suggest(longName, s -> s.length() == 32 && !s.contains("-"));
    assertThat(suggestion).hasSizeLessThanOrEqualTo(32).endsWith("-2");
  }
}
