package io.catalyst.catalog.blueprint;

import io.catalyst.platform.core.semver.Version;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlueprintParserTest {

  private final BlueprintParser parser = new BlueprintParser();

  private static final String WORDPRESS = """
      apiVersion: catalyst.openova.io/v1
      kind: Blueprint
      metadata:
        name: bp-wordpress
        version: 6.8.1
      spec:
        card:
          title: WordPress
          tagline: The website and blog platform behind 40% of the web
          category: cms
          tags: [website, blog, cms]
          documentation: https://wordpress.org/documentation/
        visibility: listed
        owner: {team: team-catalog, contact: catalog@openova.io}
        configSchema:
          type: object
          properties:
            database:
              type: object
              properties:
                mode: {type: string, enum: [embedded, external], default: embedded}
        depends:
          - blueprint: bp-mysql
            version: ^8.4.0
            alias: db
            when: "{{ .config.database.mode == 'embedded' }}"
            values: {database: {name: wordpress}}
        manifests:
          source: {kind: HelmChart, repository: https://charts.bitnami.com/bitnami, chart: wordpress, version: 24.1.7}
          overlays:
            small: {replicaCount: 1}
            large: {replicaCount: 3, pdb: {create: true}}
        upgrades:
          from: ["6.7.x", "6.8.x"]
      """;

  @Test
  void readsTheUpstreamShapeIntoTheCanonicalForm() {
    var result = parser.parse(WORDPRESS.getBytes(StandardCharsets.UTF_8));
    assertThat(result.problems()).isEmpty();
    Blueprint b = result.blueprint();
    assertThat(b.name()).isEqualTo("bp-wordpress");
    assertThat(b.version()).isEqualTo(Version.parse("6.8.1"));
    assertThat(b.card().summary()).startsWith("The website");
    assertThat(b.depends()).singleElement().satisfies(d -> {
      assertThat(d.alias()).isEqualTo("db");
      assertThat(d.version().toString()).isEqualTo("^8.4.0");
    });
    assertThat(b.overlays()).containsOnlyKeys("small", "large");
    assertThat(b.document().at("/apiVersion").asString()).isEqualTo(BlueprintParser.API_VERSION);
    assertThat(b.document().at("/spec/version").asString()).isEqualTo("6.8.1");
    assertThat(b.document().at("/metadata").has("version")).isFalse();
    assertThat(b.digest()).startsWith("sha256:");
  }

  @Test
  void theVersionMayLiveInMetadataOrSpecAndGivesTheSameDigest() {
    var inSpec = parser.parse(WORDPRESS.replace("  version: 6.8.1\nspec:\n", "spec:\n  version: 6.8.1\n")
        .getBytes(StandardCharsets.UTF_8));
    var inMetadata = parser.parse(WORDPRESS.getBytes(StandardCharsets.UTF_8));
    assertThat(inSpec.problems()).isEmpty();
    assertThat(inSpec.blueprint().digest()).isEqualTo(inMetadata.blueprint().digest());
  }

  @Test
  void deprecationIsAStatusOutsideTheDigest() {
    var deprecated = parser.parse(WORDPRESS.replace("  visibility: listed\n",
        "  visibility: listed\n  deprecated: \"6.8 reached end of life\"\n").getBytes(StandardCharsets.UTF_8));
    assertThat(deprecated.blueprint().deprecation()).isEqualTo("6.8 reached end of life");
    assertThat(deprecated.blueprint().digest())
        .isEqualTo(parser.parse(WORDPRESS.getBytes(StandardCharsets.UTF_8)).blueprint().digest());
  }

  @Test
  void reportsEveryProblemByPointer() {
    String broken = WORDPRESS
        .replace("name: bp-wordpress", "name: WordPress")
        .replace("version: ^8.4.0", "version: eight")
        .replace(".config.database.mode", ".config.database.flavour")
        .replace("visibility: listed", "visibility: public")
        .replace("tags: [website, blog, cms]", "tags: [Website]")
        .replace("kind: HelmChart", "kind: Terraform")
        .replace("  upgrades:", "  upgrade:");
    var result = parser.parse(broken.getBytes(StandardCharsets.UTF_8));
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).extracting(ConfigProblem::pointer).contains(
        "/metadata/name", "/spec/depends/0/version", "/spec/depends/0/when", "/spec/visibility",
        "/spec/card/tags/0", "/spec/manifests/source/kind", "/spec/upgrade");
    assertThat(result.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
  }

  @Test
  void reportsYamlSyntaxWithItsLine() {
    var result = parser.parse("apiVersion: x\nspec: [unclosed\n".getBytes(StandardCharsets.UTF_8));
    assertThat(result.problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not valid YAML").contains("line"));
  }

  @Test
  void refusesDisagreeingVersionsAndDuplicateKeys() {
    var twoVersions = parser.parse(WORDPRESS.replace("spec:\n", "spec:\n  version: 6.9.0\n")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(twoVersions.problems()).extracting(ConfigProblem::pointer).containsExactly("/metadata/version");
    var duplicate = parser.parse(WORDPRESS.replace("kind: Blueprint", "kind: Blueprint\nkind: Blueprint")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(duplicate.ok()).isFalse();
  }

  @Test
  void aCompositeNeedsDependenciesButNoManifests() {
    String bundle = """
        apiVersion: catalyst.openova.io/v1alpha1
        kind: Blueprint
        metadata: {name: bp-bundle-empty}
        spec:
          version: 1.0.0
          card: {title: Empty, summary: Nothing inside, category: composite}
        """;
    assertThat(parser.parse(bundle.getBytes(StandardCharsets.UTF_8)).problems())
        .extracting(ConfigProblem::pointer).containsExactly("/spec/depends");
  }
}
