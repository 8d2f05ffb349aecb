package io.catalyst.provisioning.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationOperationsTest {

  @Test
  void anUpgradeFollowsNewDefaultsAndKeepsTheUsersValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("storage", 2);                     // the old default: follows the new one
    values.put("persistence", false);             // the user's: stays
    values.put("removedSetting", "x");            // the old default, gone in the new version: goes
    values.put("custom", "mine");                 // not in any schema: the user's, stays
    values.put("resources", Map.of("cpu", "100m", "memory", "1Gi"));
    Map<String, Object> oldDefaults = Map.of("storage", 2, "persistence", true, "removedSetting", "x",
        "resources", Map.of("cpu", "100m", "memory", "512Mi"));
    Map<String, Object> newDefaults = Map.of("storage", 4, "persistence", true, "tls", true,
        "resources", Map.of("cpu", "250m", "memory", "512Mi"));

    Map<String, Object> upgraded = Upgrades.upgradeValues(values, oldDefaults, newDefaults);

    assertThat(upgraded).containsEntry("storage", 4).containsEntry("persistence", false)
        .containsEntry("custom", "mine").containsEntry("tls", true).doesNotContainKey("removedSetting");
    assertThat(upgraded.get("resources")).isEqualTo(Map.of("cpu", "250m", "memory", "1Gi"));
  }

  @Test
  void defaultsComeFromTheSchema() {
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
        "storage", Map.of("type", "integer", "default", 2),
        "name", Map.of("type", "string"),
        "tls", Map.of("type", "object", "properties", Map.of("enabled", Map.of("default", true)))));
    assertThat(Upgrades.defaults(schema)).isEqualTo(Map.of("storage", 2, "tls", Map.of("enabled", true)));
  }

  @Test
  void versionsCompareByNumber() {
    assertThat(Upgrades.compareVersions("8.1.10", "8.1.9")).isPositive();
    assertThat(Upgrades.compareVersions("7.2.9", "8.1.3")).isNegative();
    assertThat(Upgrades.compareVersions("8.1.3", "8.1.3")).isZero();
    assertThat(Upgrades.compareVersions("9.0.0-rc.1", "9.0.0")).isNegative();
  }

  @Test
  void anUpgradeStartsOnlyFromTheVersionsItsBlueprintNames() {
    assertThat(Upgrades.upgradableFrom(List.of("25.0.x", "26.x"), "25.0.6")).isTrue();
    assertThat(Upgrades.upgradableFrom(List.of("25.0.x", "26.x"), "26.3.1")).isTrue();
    assertThat(Upgrades.upgradableFrom(List.of("25.0.x", "26.x"), "25.1.0")).isFalse();
    assertThat(Upgrades.upgradableFrom(List.of("25.0.x", "26.x"), "24.0.9")).isFalse();
    assertThat(Upgrades.upgradableFrom(List.of("8.x"), "7.2.9")).isFalse();
    assertThat(Upgrades.upgradableFrom(List.of("8.1.3"), "8.1.3")).isTrue();
    assertThat(Upgrades.upgradableFrom(List.of("*"), "1.0.0")).isTrue();
    assertThat(Upgrades.upgradableFrom(List.of(), "1.0.0")).isTrue();
    assertThat(Upgrades.upgradableFrom(null, "1.0.0")).isTrue();
  }

  @Test
  void anUpgradeCommitsToTheLowestEnvironmentBranchThereIs() {
    assertThat(Upgrades.upgradeTarget(List.of("main", "staging", "develop")))
        .isEqualTo(io.catalyst.provisioning.environment.EnvironmentType.DEV);
    assertThat(Upgrades.upgradeTarget(List.of("main", "uat")))
        .isEqualTo(io.catalyst.provisioning.environment.EnvironmentType.UAT);
    assertThat(Upgrades.upgradeTarget(List.of("main", "poc")))
        .isEqualTo(io.catalyst.provisioning.environment.EnvironmentType.PROD);
  }

  @Test
  void aTransferReplacesThePreviousTeamAndTheCatchAllRule() {
    String before = """
        # Owners of shop: reviews of changes and approvals of promotions name this team.
        * @muscat/admins
        /overlays/prod/ @muscat/admins @muscat/team-sre
        """;
    assertThat(OwnershipTransfer.codeowners(before, "muscat", "shop", "admins", "team-shop")).isEqualTo("""
        # Owners of shop: reviews of changes and approvals of promotions name this team.
        * @muscat/team-shop
        /overlays/prod/ @muscat/team-shop @muscat/team-sre
        """);
    assertThat(OwnershipTransfer.codeowners("", "muscat", "shop", null, "team-shop"))
        .contains("* @muscat/team-shop\n");
  }
}
