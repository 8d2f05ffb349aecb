package io.catalyst.provisioning.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.catalog.contract.CatalogApi;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.provisioning.catalog.CatalogClient;
import io.catalyst.catalog.contract.CatalogApi.Node;
import io.catalyst.catalog.contract.CatalogApi.Requirement;
import io.catalyst.provisioning.environment.EnvironmentName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names, reuse, composites and backing services of a plan, from a resolution as catalog-service answers it. */
class InstallPlannerTest {

  private static final EnvironmentName ENV = EnvironmentName.parse("acme-prod").orElseThrow();

  /** bp-shop (composite) → app (bp-web) → db (bp-pg); bp-shop → cache (bp-kv); bp-web → cache (bp-kv). */
  private static CatalogApi.Resolution shop() {
    List<Node> nodes = List.of(
        node("bp-pg", 2, List.of(), new Requirement("bp-web", "1.0.0", "db", "^16")),
        node("bp-kv", 1, List.of(), new Requirement("bp-shop", "1.0.0", "cache", "^8"),
            new Requirement("bp-web", "1.0.0", "cache", "^8")),
        node("bp-web", 1, List.of("bp-pg", "bp-kv"), new Requirement("bp-shop", "1.0.0", "app", "^1")),
        node("bp-shop", 0, List.of("bp-web", "bp-kv")));
    return new CatalogApi.Resolution("bp-shop", "1.0.0", true, nodes, List.of(), List.of(), List.of());
  }

  private static Node node(String blueprint, int depth, List<String> dependsOn, Requirement... requiredBy) {
    return new Node(blueprint, blueprint.equals("bp-pg") ? "16.1.0" : "1.0.0", depth, List.of(requiredBy),
        new LinkedHashMap<>(Map.of("name", "{{ .application.name }}")), dependsOn, List.of(), List.of(), null);
  }

  private static Map<String, CatalogApi.Detail> details() {
    Map<String, CatalogApi.Detail> d = new LinkedHashMap<>();
    d.put("bp-shop", detail("bp-shop", "composite", Map.of()));
    d.put("bp-web", detail("bp-web", "cms", Map.of("properties", Map.of("adminPassword",
        Map.of("type", "string", "x-catalyst-ui-hint", "password")))));
    d.put("bp-pg", detail("bp-pg", "database", Map.of()));
    d.put("bp-kv", detail("bp-kv", "cache", Map.of()));
    return d;
  }

  private static CatalogApi.Detail detail(String name, String category, Map<String, Object> schema) {
    return new CatalogApi.Detail(name, name, category, "listed", null, "1.0.0", "sha256:" + name, null, schema,
        null, List.of());
  }

  private static InstallPlan plan(String name, Map<String, String> choices, Map<String, InstallPlanner.Existing> existing,
      CatalogApi.Resolution resolution) {
    return InstallPlanner.plan(new InstallPlanner.Request(ENV, "sov.example", name, choices,
        List.of("develop", "staging", "main"), "team-shop"), resolution, Map.of("title", "Shop"), details(), existing);
  }

  @Test
  void aCompositeInstallsAsItsMembersNamedAfterTheirAliasesInDependencyOrder() {
    InstallPlan plan = plan("shop", Map.of(), Map.of(), shop());
    assertThat(plan.composite()).isTrue();
    assertThat(plan.applications()).extracting(InstallPlan.PlannedApplication::name)
        .containsExactly("shop-app-db", "shop-cache", "shop-app");
    InstallPlan.PlannedApplication web = plan.applications().get(2);
    assertThat(web.dependsOn()).containsExactly("shop-app-db", "shop-cache");
    assertThat(web.hostname()).isEqualTo("shop-app.acme-prod.sov.example");
    assertThat(web.repository()).isEqualTo("acme/shop-app");
    assertThat(web.backingService()).isFalse();
    assertThat(web.secretKeys()).containsExactly("adminPassword");
    assertThat(web.values()).containsEntry("name", "shop-app"); // provisioning's placeholders are filled
    assertThat(plan.applications().get(0).backingService()).isTrue();
    assertThat(plan.applications().get(0).dependency()).isEqualTo("app-db");
    assertThat(plan.edges()).contains(new InstallPlan.Edge("shop-app", "shop-app-db"));
  }

  @Test
  void aReusedApplicationReplacesTheDependencyAndWhatOnlyItNeeded() {
    Node web = shop().nodes().get(2);
    List<Node> nodes = new ArrayList<>(shop().nodes());
    nodes.set(2, new Node(web.blueprint(), web.version(), web.depth(), web.requiredBy(), web.config(),
        web.dependsOn(), List.of(new CatalogApi.ExistingApplication("site", "acme-prod", "bp-web", "1.0.0")),
        List.of(), null));
    CatalogApi.Resolution resolution = new CatalogApi.Resolution("bp-shop", "1.0.0", true, nodes, List.of(),
        List.of(), List.of());
    InstallPlan plan = plan("shop", Map.of("app", "site"), Map.of("site",
        new InstallPlanner.Existing("site", "acme-prod", "bp-web", "1.0.0")), resolution);
    assertThat(plan.applications()).extracting(InstallPlan.PlannedApplication::name).containsExactly("shop-cache");
    assertThat(plan.reused()).containsExactly(new InstallPlan.ReusedApplication("app", "bp-web", "site", "1.0.0"));
  }

  @Test
  void aChoiceThatCannotServeTheDependencyIsAPointerError() {
    Map<String, InstallPlanner.Existing> existing = Map.of(
        "old-cache", new InstallPlanner.Existing("old-cache", "acme-prod", "bp-kv", "7.0.0"),
        "elsewhere", new InstallPlanner.Existing("elsewhere", "acme-dev", "bp-kv", "8.0.0"));
    assertThatThrownBy(() -> plan("shop", Map.of("cache", "old-cache", "app-db", "elsewhere", "nope", "new"),
        existing, shop()))
        .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.properties().get("errors").toString())
            .contains("/choices/cache", "outside what", "/choices/app-db", "names no Application in acme-prod",
                "/choices/nope"));
  }

  @Test
  void aNameThatLeavesNoRoomForItsDependenciesIsRefused() {
    assertThatThrownBy(() -> plan("a-name-of-exactly-thirty-six-letters", Map.of(), Map.of(), shop()))
        .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.properties().get("errors").toString())
            .contains("choose a shorter name"));
  }

  @Test
  void aPlainBlueprintIsOneApplicationWithItsDependencies() {
    List<Node> nodes = List.of(node("bp-pg", 1, List.of(), new Requirement("bp-web", "1.0.0", "db", "^16")),
        node("bp-web", 0, List.of("bp-pg")));
    InstallPlan plan = plan("blog", Map.of(), Map.of(), new CatalogApi.Resolution("bp-web", "1.0.0", true, nodes,
        List.of(), List.of(), List.of()));
    assertThat(plan.composite()).isFalse();
    assertThat(plan.applications()).extracting(InstallPlan.PlannedApplication::name).containsExactly("blog-db", "blog");
    assertThat(plan.applications().get(1).values()).isEqualTo(Map.of("title", "Shop"));
  }

  @Test
  void applicationNames() {
    assertThat(ApplicationName.isValid("pharmacy-shop-site-db")).isTrue();
    assertThat(ApplicationName.problem("Bad_Name")).contains("only a-z");
    assertThat(ApplicationName.problem("a".repeat(41))).contains("at most 40");
    assertThat(ApplicationName.problem("shared-blueprints")).contains("reserved");
    assertThat(ApplicationName.problem("a--b")).isNotNull();
    assertThat(ApplicationName.problem("-a")).isNotNull();
  }
}
