package io.catalyst.provisioning.githost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepositoryPathTest {

  @Test
  void parsesOwnersAndNames() {
    assertThat(RepositoryPath.parse("acme/shop.git")).hasValue(new RepositoryPath("acme", "shop"));
    assertThat(RepositoryPath.parse("catalog-sovereign/bp-wordpress")).hasValueSatisfying(
        r -> assertThat(r.kind()).isEqualTo(RepositoryPath.Kind.CATALOG));
    assertThat(RepositoryPath.parse("system/catalyst-config.git").orElseThrow().isApplicationRepository()).isFalse();
    assertThat(RepositoryPath.parse("acme/shared-blueprints").orElseThrow().isApplicationRepository()).isFalse();
  }

  @Test
  void refusesTraversalAndOddCharacters() {
    for (String bad : new String[] {"../etc/passwd", "acme/../system/catalyst-config", "acme/..", "acme/.git",
        "Acme/shop", "acme/shop_1", "acme/shop/extra", "acme/-shop", "acme/shop-", "acme-dev/shop", "sy/x",
        "acme/sh%2Fop", "acme/", "/shop", "acme/shop.git.git", "kube-system/x"}) {
      assertThat(RepositoryPath.parse(bad)).as(bad).isEmpty();
    }
  }
}
