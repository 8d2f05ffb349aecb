package io.catalyst.catalog.resolve;

import static io.catalyst.catalog.resolve.TestCatalog.dep;
import static io.catalyst.catalog.resolve.TestCatalog.depWithValues;
import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.semver.VersionRange;
import io.catalyst.catalog.resolve.Resolution.Node;
import io.catalyst.catalog.resolve.Resolution.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DependencyResolverTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ObjectNode config(String json) {
    return (ObjectNode) JSON.readTree(json);
  }

  private static Resolution resolve(TestCatalog catalog, String root, String range, String config,
      ExistingApplication... existing) {
    return new DependencyResolver(catalog).resolve(root, VersionRange.parse(range), config(config),
        List.of(existing));
  }

  private static TestCatalog pharmacy() {
    return new TestCatalog()
        .add("bp-postgres", "15.8.0").add("bp-postgres", "16.4.0").add("bp-postgres", "17.2.0")
        .add("bp-postgres", "17.3.0-rc.1")
        .add("bp-mysql", "8.0.40").add("bp-mysql", "8.4.3")
        .add("bp-valkey", "8.0.2")
        .add("bp-wordpress", "6.8.1", dep("bp-mysql", "^8.4"))
        .add("bp-woocommerce", "9.8.0", dep("bp-wordpress", "^6.7"))
        .add("bp-erpnext", "15.52.0",
            dep("bp-mysql", "^8.0", "{{ .config.database.engine == 'mariadb' }}"),
            dep("bp-postgres", ">=15 <18", "{{ .config.database.engine == 'postgres' }}"),
            dep("bp-valkey", "^8"))
        .add("bp-bundle-pharmacy", "1.0.0",
            depWithValues("bp-erpnext", "^15", "{database: {engine: postgres, name: \"{{ .config.domain }}\"}}"),
            dep("bp-woocommerce", "^9"), dep("bp-postgres", "^16"), dep("bp-valkey", "^8"));
  }

  @Test
  void flattensTheTreeInInstallOrderWithTheHighestMatchingVersions() {
    Resolution r = resolve(pharmacy(), "bp-bundle-pharmacy", "*", "{\"domain\": \"pharmacy.example.om\"}");
    assertThat(r.problems()).isEmpty();
    assertThat(r.nodes()).extracting(Node::blueprint).last().isEqualTo("bp-bundle-pharmacy");
    assertThat(r.nodes()).extracting(n -> n.blueprint() + "@" + n.version()).containsExactlyInAnyOrder(
        "bp-postgres@16.4.0", "bp-valkey@8.0.2", "bp-erpnext@15.52.0", "bp-mysql@8.4.3", "bp-wordpress@6.8.1",
        "bp-woocommerce@9.8.0", "bp-bundle-pharmacy@1.0.0");
    List<String> order = r.nodes().stream().map(Node::blueprint).toList();
    for (Node n : r.nodes()) {
      for (String needed : n.dependsOn()) {
        assertThat(order.indexOf(needed)).as(needed + " before " + n.blueprint())
            .isLessThan(order.indexOf(n.blueprint()));
      }
    }
    Node woo = r.nodes().stream().filter(n -> n.blueprint().equals("bp-mysql")).findFirst().orElseThrow();
    assertThat(woo.depth()).isEqualTo(3);
  }

  @Test
  void evaluatesWhenOverTheValuesPassedDown() {
    Resolution r = resolve(pharmacy(), "bp-bundle-pharmacy", "1.0.0", "{\"domain\": \"pharmacy.example.om\"}");
    Node erpnext = r.nodes().stream().filter(n -> n.blueprint().equals("bp-erpnext")).findFirst().orElseThrow();
    assertThat(erpnext.config().at("/database/engine").asString()).isEqualTo("postgres");
    assertThat(erpnext.config().at("/database/name").asString()).isEqualTo("pharmacy.example.om");
    assertThat(erpnext.config().at("/mode").asString()).isEqualTo("embedded");
    assertThat(erpnext.dependsOn()).containsExactly("bp-postgres", "bp-valkey");
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.requiredBy()).isEqualTo("bp-erpnext");
      assertThat(s.blueprint()).isEqualTo("bp-mysql");
    });
    // On its own, ERPNext keeps its default engine and takes MySQL instead.
    Resolution alone = resolve(pharmacy(), "bp-erpnext", "^15", "{}");
    assertThat(alone.nodes()).extracting(Node::blueprint).contains("bp-mysql").doesNotContain("bp-postgres");
  }

  @Test
  void marksDependenciesThatExistingApplicationsCanServe() {
    Resolution r = resolve(pharmacy(), "bp-bundle-pharmacy", "*", "{}",
        new ExistingApplication("shop-db", "acme-prod", "bp-postgres", "16.2.0"),
        new ExistingApplication("old-db", "acme-prod", "bp-postgres", "15.8.0"),
        new ExistingApplication("cache", "acme-prod", "bp-valkey", "8.0.2"));
    Node pg = r.nodes().stream().filter(n -> n.blueprint().equals("bp-postgres")).findFirst().orElseThrow();
    assertThat(pg.satisfiedBy()).extracting(ExistingApplication::application).containsExactly("shop-db");
    assertThat(pg.unsuitable()).extracting(ExistingApplication::application).containsExactly("old-db");
    assertThat(pg.requiredBy()).extracting(Resolution.Requirement::range).containsExactlyInAnyOrder("^16", ">=15 <18");
  }

  @Test
  void reportsAConflictWithWhoWantsWhat() {
    TestCatalog catalog = pharmacy()
        .add("bp-listmonk", "4.1.0", dep("bp-postgres", "^15"))
        .add("bp-bundle-newsletter", "1.0.0", dep("bp-listmonk", "^4"), dep("bp-postgres", "^17"));
    Resolution r = resolve(catalog, "bp-bundle-newsletter", "*", "{}");
    assertThat(r.resolved()).isFalse();
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT);
      assertThat(p.blueprint()).isEqualTo("bp-postgres");
      assertThat(p.message()).contains("^15 by bp-bundle-newsletter@1.0.0 → bp-listmonk@4.1.0")
          .contains("^17 by bp-bundle-newsletter@1.0.0").contains("15.8.0, 16.4.0").contains("Widen one");
    });
  }

  @Test
  void reportsARangeNothingMeetsAndAnUnknownBlueprint() {
    TestCatalog catalog = pharmacy().add("bp-app", "1.0.0", dep("bp-postgres", "^18"));
    assertThat(resolve(catalog, "bp-app", "*", "{}").problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Problem.Kind.NO_MATCHING_VERSION);
      assertThat(p.message()).contains("No published version of bp-postgres matches ^18")
          .contains("Published versions: 15.8.0, 16.4.0, 17.2.0, 17.3.0-rc.1");
    });
    assertThat(resolve(catalog, "bp-nothing", "*", "{}").problems())
        .extracting(Problem::kind).containsExactly(Problem.Kind.NOT_FOUND);
  }

  @Test
  void reportsCyclesWithTheirPath() {
    TestCatalog catalog = new TestCatalog()
        .add("bp-a", "1.0.0", dep("bp-b", "^1"))
        .add("bp-b", "1.0.0", dep("bp-c", "^1"))
        .add("bp-c", "1.0.0", dep("bp-a", "^1"));
    Resolution r = resolve(catalog, "bp-a", "*", "{}");
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Problem.Kind.CYCLE);
      assertThat(p.path()).containsExactly("bp-a", "bp-b", "bp-c", "bp-a");
      assertThat(p.message()).contains("bp-a → bp-b → bp-c → bp-a");
    });
  }

  @Test
  void aConditionCanBreakACycle() {
    TestCatalog catalog = new TestCatalog()
        .add("bp-a", "1.0.0", dep("bp-b", "^1"))
        .add("bp-b", "1.0.0", dep("bp-a", "^1", "{{ .config.mode == 'clustered' }}"));
    assertThat(resolve(catalog, "bp-a", "*", "{}").resolved()).isTrue();
  }

  @Test
  void avoidsDeprecatedVersionsWhenAnotherFits() {
    TestCatalog catalog = pharmacy().deprecate("bp-postgres", "16.4.0").add("bp-postgres", "16.3.0");
    Resolution r = resolve(catalog, "bp-postgres", "^16", "{}");
    assertThat(r.nodes()).extracting(Node::version).containsExactly("16.3.0");
    Resolution pinned = resolve(catalog, "bp-postgres", "16.4.0", "{}");
    assertThat(pinned.nodes()).extracting(Node::version).containsExactly("16.4.0");
    assertThat(pinned.warnings()).singleElement().asString().contains("deprecated");
  }

  @Test
  void aNewerDependentCanChangeWhatIsNeeded() {
    // bp-app 2.x needs bp-lib ^2, which needs bp-base ^3; the picks must follow the chain, not the first guess.
    TestCatalog catalog = new TestCatalog()
        .add("bp-base", "2.0.0").add("bp-base", "3.1.0")
        .add("bp-lib", "1.0.0", dep("bp-base", "^2")).add("bp-lib", "2.0.0", dep("bp-base", "^3"))
        .add("bp-app", "2.0.0", dep("bp-lib", "^2"));
    assertThat(resolve(catalog, "bp-app", "^2", "{}").nodes()).extracting(n -> n.blueprint() + "@" + n.version())
        .containsExactly("bp-base@3.1.0", "bp-lib@2.0.0", "bp-app@2.0.0");
  }
}
