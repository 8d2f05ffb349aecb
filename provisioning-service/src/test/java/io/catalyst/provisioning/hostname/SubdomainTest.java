package io.catalyst.provisioning.hostname;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubdomainTest {

  @Test
  void oneLowerCaseDnsLabelThatIsNotReservedNorAnEnvironmentName() {
    assertThat(Subdomain.problem("shop")).isNull();
    assertThat(Subdomain.problem("my-shop-2")).isNull();
    assertThat(Subdomain.problem("a".repeat(63))).isNull();
    assertThat(Subdomain.problem("a".repeat(64))).contains("63");
    assertThat(Subdomain.problem("Shop")).contains("lower case");
    assertThat(Subdomain.problem("2shop")).contains("starting with a letter");
    assertThat(Subdomain.problem("-shop")).contains("starting with a letter");
    assertThat(Subdomain.problem("shop-")).contains("not ending");
    assertThat(Subdomain.problem("shop.eu")).contains("one DNS label");
    assertThat(Subdomain.problem("")).contains("empty");
    assertThat(Subdomain.problem("api")).contains("reserved");
    assertThat(Subdomain.problem("keycloak")).contains("reserved");
    assertThat(Subdomain.problem("k8s")).contains("reserved");
    assertThat(Subdomain.problem("muscat-prod")).contains("Environment name");
    assertThat(Subdomain.hostname("shop", "omani.works")).isEqualTo("shop.omani.works");
  }
}
