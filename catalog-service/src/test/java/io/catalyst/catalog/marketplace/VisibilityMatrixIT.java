package io.catalyst.catalog.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.catalog.CatalogIntegrationTest;
import io.catalyst.catalog.source.SourceStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who sees which Blueprint, across three Organizations, the Sovereign's admin and an anonymous visitor: on the cards,
 * by exact name (detail), and through resolution. "hidden" means 404 — never 403.
 */
class VisibilityMatrixIT extends CatalogIntegrationTest {

  private static boolean prepared;

  @Autowired SourceStore sources;

  @BeforeEach
  void prepare() {
    if (prepared) {
      return;
    }
    createRepository("catalog-sovereign", "blueprints", Map.of(
        "bp-vis-sov-listed/blueprint.yaml", blueprint("bp-vis-sov-listed", "1.0.0", "listed", null),
        "bp-vis-sov-unlisted/blueprint.yaml", blueprint("bp-vis-sov-unlisted", "1.0.0", "unlisted", null),
        "bp-vis-sov-private/blueprint.yaml", blueprint("bp-vis-sov-private", "1.0.0", "private", null)));
    sources.ensure("catalog-sovereign", "blueprints", url("catalog-sovereign", "blueprints"), "main");
    assertThat(sync.sync("catalog-sovereign/blueprints", "test", false).orElseThrow().status()).isEqualTo("ok");
    for (String org : List.of("vis-alpha", "vis-beta", "vis-gamma")) {
      createRepository(org, "shared-blueprints", Map.of(
          "bp-" + org + "-tool/blueprint.yaml", blueprint("bp-" + org + "-tool", "1.0.0", "private",
              "  depends: [{blueprint: bp-vis-sov-listed, version: \"^1\"}]"),
          "bp-" + org + "-kit/blueprint.yaml", blueprint("bp-" + org + "-kit", "1.0.0", "listed", null),
          "bp-" + org + "-hidden/blueprint.yaml", blueprint("bp-" + org + "-hidden", "1.0.0", "unlisted", null)));
      sources.ensure(org, "shared-blueprints", url(org, "shared-blueprints"), "main");
      assertThat(sync.sync(org + "/shared-blueprints", "test", false).orElseThrow().status()).isEqualTo("ok");
    }
    prepared = true;
  }

  /** C = on the cards and by name, N = by name only, - = hidden (404). */
  @Test
  void theVisibilityMatrix() throws Exception {
    List<String> blueprints = List.of("bp-vis-sov-listed", "bp-vis-sov-unlisted", "bp-vis-sov-private",
        "bp-vis-alpha-tool", "bp-vis-alpha-kit", "bp-vis-alpha-hidden", "bp-vis-beta-tool", "bp-vis-gamma-kit");
    Map<String, String> viewers = new LinkedHashMap<>();
    viewers.put("anonymous", null);
    viewers.put("vis-alpha", token("a", "vis-alpha", "org-viewer"));
    viewers.put("vis-beta", token("b", "vis-beta", "org-admin"));
    viewers.put("vis-gamma", token("g", "vis-gamma", "org-developer"));
    viewers.put("sovereign-admin", sovereignAdmin());

    Map<String, String> expected = new LinkedHashMap<>();
    //                               sov-listed sov-unlisted sov-private alpha-tool alpha-kit alpha-hidden beta-tool gamma-kit
    expected.put("anonymous",       "C N - - - - - -");
    expected.put("vis-alpha",       "C N - C C N - -");
    expected.put("vis-beta",        "C N - - - - C -");
    expected.put("vis-gamma",       "C N - - - - - C");
    expected.put("sovereign-admin", "C N C - - - - -");

    Map<String, String> actual = new LinkedHashMap<>();
    for (var viewer : viewers.entrySet()) {
      String body = mvc.perform(as(get("/api/v1/catalog/blueprints").param("category", "testing")
              .param("size", "100"), viewer.getValue()))
          .andReturn().getResponse().getContentAsString();
      List<String> cards = JsonPath.read(body, "$.items[*].name");
      List<String> row = new ArrayList<>();
      for (String name : blueprints) {
        int detail = mvc.perform(as(get("/api/v1/catalog/blueprints/" + name), viewer.getValue()))
            .andReturn().getResponse().getStatus();
        String byName = mvc.perform(as(get("/api/v1/catalog/blueprints").param("q", name), viewer.getValue()))
            .andReturn().getResponse().getContentAsString();
        boolean found = ((List<String>) JsonPath.read(byName, "$.items[*].name")).contains(name);
        assertThat(detail).as(viewer.getKey() + " → " + name).isIn(200, 404);
        assertThat(found).as(viewer.getKey() + " searching the exact name " + name).isEqualTo(detail == 200);
        row.add(cards.contains(name) ? "C" : detail == 200 ? "N" : "-");
      }
      actual.put(viewer.getKey(), String.join(" ", row));
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void resolutionAndValidationSeeWhatTheViewerSees() throws Exception {
    String alpha = token("a", "vis-alpha");
    assertThat(mvc.perform(as(json(post("/api/v1/catalog/blueprints/bp-vis-alpha-tool/resolve"), "{}"), alpha))
        .andReturn().getResponse().getStatus()).isEqualTo(200);
    assertThat(mvc.perform(as(json(post("/api/v1/catalog/blueprints/bp-vis-alpha-tool/resolve"), "{}"),
        token("b", "vis-beta"))).andReturn().getResponse().getStatus()).isEqualTo(404);
    assertThat(mvc.perform(json(post("/api/v1/catalog/blueprints/bp-vis-sov-private/validate"), "{}"))
        .andReturn().getResponse().getStatus()).isEqualTo(404);
    assertThat(mvc.perform(json(post("/api/v1/catalog/blueprints/bp-vis-sov-unlisted/validate"), "{}"))
        .andReturn().getResponse().getStatus()).isEqualTo(200);
    // Sources: an Organization's source is invisible to the others.
    assertThat(mvc.perform(as(get("/api/v1/catalog/sources/vis-alpha/shared-blueprints/sync-report"),
        token("g", "vis-gamma"))).andReturn().getResponse().getStatus()).isEqualTo(404);
    String list = mvc.perform(as(get("/api/v1/catalog/sources"), token("g", "vis-gamma")))
        .andReturn().getResponse().getContentAsString();
    assertThat((List<String>) JsonPath.read(list, "$[*].id")).contains("catalog/blueprints", "vis-gamma/shared-blueprints")
        .doesNotContain("vis-alpha/shared-blueprints");
  }
}
