package io.catalyst.catalog.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.catalog.blueprint.Blueprint;
import io.catalyst.catalog.blueprint.BlueprintParser;
import io.catalyst.platform.core.semver.VersionRange;
import io.catalyst.catalog.resolve.Resolution.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shipped catalog (catalog-content/) parses, and its bundles resolve. */
class StarterCatalogTest {

  static final Path CONTENT = Path.of("..", "catalog-content");
  static final Map<String, List<Blueprint>> CATALOG = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    BlueprintParser parser = new BlueprintParser();
    List<String> broken = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CONTENT)) {
      for (Path file : files.filter(f -> f.getFileName().toString().equals("blueprint.yaml")).toList()) {
        var result = parser.parse(Files.readAllBytes(file));
        if (result.ok()) {
          CATALOG.computeIfAbsent(result.blueprint().name(), k -> new ArrayList<>()).add(result.blueprint());
        } else {
          broken.add(file + ": " + result.problems());
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void shipsTheStarterCatalog() {
    assertThat(CATALOG.keySet()).contains("bp-wordpress", "bp-erpnext", "bp-woocommerce", "bp-stalwart",
        "bp-postgres", "bp-valkey", "bp-mysql", "bp-rocket-chat", "bp-jitsi", "bp-cal-com", "bp-nextcloud",
        "bp-mattermost", "bp-odoo", "bp-plausible", "bp-listmonk", "bp-keycloak", "bp-minio", "bp-gitea",
        "bp-uptime-kuma", "bp-n8n", "bp-bundle-pharmacy", "bp-bundle-starter-pack", "bp-bundle-comms-hub");
    assertThat(CATALOG.get("bp-postgres")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(CATALOG.values().stream().flatMap(List::stream).filter(b -> !b.isComposite()))
        .allSatisfy(b -> assertThat(b.manifestSource()).as(b.name()).isNotNull());
  }

  @Test
  void everyBundleResolvesAgainstTheShippedCatalog() {
    DependencyResolver resolver = new DependencyResolver(name -> CATALOG.getOrDefault(name, List.of()));
    ObjectNode config = (ObjectNode) JsonMapper.builder().build().readTree("""
        {"pharmacyName": "Muscat Pharmacy", "businessName": "Karak Cafe", "domain": "muscat-pharmacy.om",
         "adminEmail": "owner@muscat-pharmacy.om"}""");
    for (String bundle : CATALOG.keySet().stream().filter(n -> n.startsWith("bp-bundle-")).toList()) {
      Resolution r = resolver.resolve(bundle, VersionRange.any(), config, List.of());
      assertThat(r.problems()).as(bundle).isEmpty();
    }
  }

  @Test
  void thePharmacyBundleIsFiveApplicationsSharingOnePostgresBetweenErpnextAndStalwart() {
    DependencyResolver resolver = new DependencyResolver(name -> CATALOG.getOrDefault(name, List.of()));
    ObjectNode config = (ObjectNode) JsonMapper.builder().build().readTree("""
        {"pharmacyName": "Muscat Pharmacy", "domain": "muscat-pharmacy.om", "adminEmail": "owner@muscat-pharmacy.om"}""");
    Resolution r = resolver.resolve("bp-bundle-pharmacy", VersionRange.parse("^1"), config, List.of());
    assertThat(r.problems()).isEmpty();
    assertThat(r.warnings()).isEmpty();
    // The seed's bundle: ERPNext + WooCommerce + Stalwart + PostgreSQL + Redis (Valkey), and the composite itself.
    assertThat(r.nodes()).extracting(n -> n.blueprint() + "@" + n.version()).containsExactlyInAnyOrder(
        "bp-postgres@17.5.0", "bp-valkey@8.1.3", "bp-erpnext@15.70.2",
        "bp-woocommerce@9.9.5", "bp-stalwart@0.12.5", "bp-bundle-pharmacy@1.2.0");
    Node pg = r.nodes().stream().filter(n -> n.blueprint().equals("bp-postgres")).findFirst().orElseThrow();
    assertThat(pg.config().at("/instances").asInt()).isEqualTo(2);
    assertThat(pg.config().get("databases").toString()).contains("erpnext").contains("stalwart");
    Node shop = r.nodes().stream().filter(n -> n.blueprint().equals("bp-woocommerce")).findFirst().orElseThrow();
    assertThat(shop.config().at("/site/domain").asString()).isEqualTo("shop.muscat-pharmacy.om");
    assertThat(shop.config().at("/database/mode").asString()).isEqualTo("embedded");
    assertThat(shop.depth()).isEqualTo(1);
  }

  @Test
  void aShopWithAManagedDatabaseGetsItsOwnMysql() {
    DependencyResolver resolver = new DependencyResolver(name -> CATALOG.getOrDefault(name, List.of()));
    ObjectNode config = (ObjectNode) JsonMapper.builder().build().readTree("""
        {"database": {"mode": "managed"}}""");
    Resolution r = resolver.resolve("bp-woocommerce", VersionRange.any(), config, List.of());
    assertThat(r.problems()).isEmpty();
    assertThat(r.nodes()).extracting(Node::blueprint).containsExactlyInAnyOrder("bp-woocommerce", "bp-mysql");
    Node mysql = r.nodes().stream().filter(n -> n.blueprint().equals("bp-mysql")).findFirst().orElseThrow();
    assertThat(mysql.config().get("databases").toString()).contains("woocommerce");
  }
}
