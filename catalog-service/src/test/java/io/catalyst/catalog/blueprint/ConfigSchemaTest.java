package io.catalyst.catalog.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** configSchema meta-validation (JSON Schema 2020-12 plus Catalyst's rules) and config validation. */
class ConfigSchemaTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static final String GOOD = """
      {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["domain"],
       "properties": {
         "domain": {"type": "string", "format": "hostname", "x-catalyst-ui-hint": "domain-picker"},
         "replicas": {"type": "integer", "minimum": 1, "maximum": 5, "default": 1},
         "adminPassword": {"type": "string", "x-catalyst-ui-hint": "password"},
         "database": {"type": "object", "properties": {
           "engine": {"type": "string", "enum": ["postgres", "mariadb"], "default": "mariadb"},
           "existing": {"type": "string", "x-catalyst-ui-hint": "application-ref",
                        "x-catalyst-ui-filter": {"blueprint": "bp-postgres", "environment": "current"}}}},
         "plan": {"$ref": "#/$defs/plan"}},
       "$defs": {"plan": {"type": "string", "enum": ["s", "m", "l"], "default": "s"}}}""";

  @Test
  void acceptsAValid2020_12SchemaWithCatalystHints() {
    assertThat(ConfigSchema.check(json(GOOD))).isEmpty();
  }

  @Test
  void refusesWhatTheMetaSchemaRefuses() {
    var problems = ConfigSchema.check(json("""
        {"type": "object", "properties": {"replicas": {"type": "integr", "minimum": "one"}}, "required": "domain"}"""));
    assertThat(problems).extracting(ConfigProblem::pointer)
        .contains("/properties/replicas/type", "/properties/replicas/minimum", "/required");
  }

  @Test
  void refusesCatalystRuleBreaks() {
    var problems = ConfigSchema.check(json("""
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array",
         "properties": {
           "a": {"type": "string", "x-catalyst-ui-hint": "colour-wheel"},
           "b": {"type": "string", "x-catalyst-ui-hint": "application-ref"},
           "c": {"$ref": "https://evil.example/schema.json"},
           "d": {"type": "string", "x-catalyst-ui-hint": "password", "default": "hunter2"}}}"""));
    assertThat(problems).extracting(ConfigProblem::pointer).containsExactlyInAnyOrder(
        "/$schema", "/type", "/properties/a/x-catalyst-ui-hint", "/properties/b/x-catalyst-ui-filter",
        "/properties/c/$ref", "/properties/d/default");
  }

  @Test
  void refusesDefaultsThatBreakTheSchema() {
    var problems = ConfigSchema.check(json("""
        {"type": "object", "properties": {"replicas": {"type": "integer", "maximum": 5, "default": 9}}}"""));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.pointer()).isEqualTo("/properties/replicas/default");
      assertThat(p.message()).contains("/replicas").contains("5");
    });
  }

  @Test
  void validatesAConfigByJsonPointerAfterApplyingDefaults() {
    ConfigSchema schema = ConfigSchema.of((ObjectNode) json(GOOD));
    assertThat(schema.validate(json("{\"domain\": \"shop.example.com\"}"))).isEmpty();
    var problems = schema.validate(json("{\"replicas\": 9, \"database\": {\"engine\": \"oracle\"}}"));
    assertThat(problems).extracting(ConfigProblem::pointer)
        .containsExactlyInAnyOrder("/domain", "/replicas", "/database/engine");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank().doesNotStartWith("/"));
  }

  @Test
  void fillsDefaultsRecursivelyThroughLocalReferences() {
    ConfigSchema schema = ConfigSchema.of((ObjectNode) json(GOOD));
    assertThat(schema.applyDefaults(json("{\"replicas\": 3}"))).isEqualTo(json("""
        {"replicas": 3, "database": {"engine": "mariadb"}, "plan": "s"}"""));
  }
}
