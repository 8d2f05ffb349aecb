package io.catalyst.catalog.blueprint;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Blueprint's {@code configSchema}: a JSON Schema 2020-12 document with Catalyst UI hints (DOMAIN.md §1.7.2).
 * Checked once when a Blueprint is synced ({@link #check(JsonNode)}) and then used to fill defaults and validate
 * Application configs ({@link #validate(JsonNode)}).
 */
public final class ConfigSchema {

  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
  public static final String UI_HINT = "x-catalyst-ui-hint";
  public static final String UI_FILTER = "x-catalyst-ui-filter";
  public static final Set<String> UI_HINTS = Set.of("password", "domain-picker", "application-ref");

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
          .pathType(PathType.JSON_POINTER)
          .formatAssertionsEnabled(true)
          .build()));
  private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DIALECT));

  /** Keywords whose value is one subschema, a map of subschemas, or an array of subschemas. */
  private static final Set<String> ONE = Set.of("items", "additionalProperties", "contains", "not", "if", "then",
      "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
  private static final Set<String> MAP = Set.of("properties", "patternProperties", "$defs", "definitions",
      "dependentSchemas");
  private static final Set<String> ARRAY = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

  private final ObjectNode node;
  private final Schema schema;

  private ConfigSchema(ObjectNode node, Schema schema) {
    this.node = node;
    this.schema = schema;
  }

  /** Compiles a schema that {@link #check} accepted. */
  public static ConfigSchema of(ObjectNode node) {
    return new ConfigSchema(node, REGISTRY.getSchema(node));
  }

  /**
   * Everything wrong with {@code schema} as a Blueprint configSchema, pointers relative to the schema: not valid
   * against the 2020-12 meta-schema, not an object schema, a dialect other than 2020-12, a reference that leaves the
   * document (never fetched), an unknown UI hint, or a {@code default} that breaks the schema.
   */
  public static List<ConfigProblem> check(JsonNode schema) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (schema == null || !schema.isObject()) {
      problems.add(new ConfigProblem("", "configSchema must be a JSON Schema object"));
      return problems;
    }
    for (com.networknt.schema.Error e : META_SCHEMA.validate(schema)) {
      problems.add(new ConfigProblem(pointer(e), message(e)));
    }
    JsonNode dialect = schema.get("$schema");
    if (dialect != null && !(dialect.isString() && dialect.stringValue().replaceAll("#$", "").equals(DIALECT))) {
      problems.add(new ConfigProblem("/$schema", "configSchema must use JSON Schema 2020-12 (" + DIALECT + ")"));
    }
    JsonNode type = schema.get("type");
    if (type == null || !type.isString() || !type.stringValue().equals("object")) {
      problems.add(new ConfigProblem("/type", "configSchema must describe an object: set \"type\": \"object\""));
    }
    walk(schema, "", problems);
    if (problems.isEmpty()) {
      // Every default must be a valid value: validate the config made of the defaults alone.
      ConfigSchema compiled = of((ObjectNode) schema);
      for (com.networknt.schema.Error e : compiled.schema.validate(
          compiled.applyDefaults(JsonNodeFactory.instance.objectNode()))) {
        if (Set.of("required", "dependentRequired", "minProperties").contains(e.getKeyword())) {
          continue; // fields without defaults are the user's to fill
        }
        ConfigProblem p = new ConfigProblem(pointer(e), message(e));
        problems.add(new ConfigProblem(schemaPointerFor(p.pointer()),
            "the default at " + p.pointer() + " is not valid: " + p.message()));
      }
    }
    return problems;
  }

  public ObjectNode node() {
    return node;
  }

  /** Validates a config with defaults applied; problems are addressed by JSON pointer into the config. */
  public List<ConfigProblem> validate(JsonNode config) {
    JsonNode value = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config;
    if (!value.isObject()) {
      return List.of(new ConfigProblem("", "the config must be a JSON object"));
    }
    return validateRaw(applyDefaults(value));
  }

  private List<ConfigProblem> validateRaw(JsonNode config) {
    List<ConfigProblem> out = new ArrayList<>();
    for (com.networknt.schema.Error e : schema.validate(config)) {
      out.add(new ConfigProblem(pointer(e), message(e)));
    }
    return out;
  }

  /** A copy of {@code config} with every missing property that has a {@code default} filled in, recursively. */
  public ObjectNode applyDefaults(JsonNode config) {
    ObjectNode out = config != null && config.isObject() ? ((ObjectNode) config).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    fill(node, out, 0);
    return out;
  }

  private void fill(JsonNode schemaNode, ObjectNode target, int depth) {
    JsonNode s = deref(schemaNode);
    if (s == null || depth > 32) {
      return;
    }
    JsonNode properties = s.get("properties");
    if (properties == null || !properties.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      JsonNode propSchema = deref(p.getValue());
      if (propSchema == null || !propSchema.isObject()) {
        continue;
      }
      JsonNode current = target.get(p.getKey());
      if (current == null && propSchema.has("default")) {
        target.set(p.getKey(), propSchema.get("default").deepCopy());
        current = target.get(p.getKey());
      }
      if (propSchema.has("properties")) {
        if (current == null) {
          ObjectNode child = JsonNodeFactory.instance.objectNode();
          fill(propSchema, child, depth + 1);
          if (!child.isEmpty()) {
            target.set(p.getKey(), child);
          }
        } else if (current.isObject()) {
          fill(propSchema, (ObjectNode) current, depth + 1);
        }
      }
    }
  }

  private JsonNode deref(JsonNode s) {
    int hops = 0;
    while (s != null && s.isObject() && s.has("$ref") && s.get("$ref").isString() && hops++ < 8) {
      String ref = s.get("$ref").stringValue();
      if (!ref.startsWith("#")) {
        return null;
      }
      s = node.at(ref.substring(1));
      if (s.isMissingNode()) {
        return null;
      }
    }
    return s;
  }

  /** The schema location of a config pointer, e.g. {@code /replicas} → {@code /properties/replicas/default}. */
  private static String schemaPointerFor(String configPointer) {
    StringBuilder sb = new StringBuilder();
    for (String segment : configPointer.split("/")) {
      if (!segment.isEmpty()) {
        sb.append("/properties/").append(segment);
      }
    }
    return sb.append("/default").toString();
  }

  private static void walk(JsonNode schema, String pointer, List<ConfigProblem> problems) {
    if (!schema.isObject()) {
      return;
    }
    for (String ref : List.of("$ref", "$dynamicRef")) {
      JsonNode r = schema.get(ref);
      if (r != null && r.isString() && !r.stringValue().startsWith("#")) {
        problems.add(new ConfigProblem(pointer + "/" + escape(ref),
            "only references inside the configSchema (\"#/$defs/...\") are allowed; '" + r.stringValue()
                + "' points outside it and is never fetched"));
      }
    }
    JsonNode hint = schema.get(UI_HINT);
    if (hint != null) {
      if (!hint.isString() || !UI_HINTS.contains(hint.stringValue())) {
        problems.add(new ConfigProblem(pointer + "/" + UI_HINT,
            UI_HINT + " must be one of " + String.join(", ", UI_HINTS.stream().sorted().toList())));
      } else if (hint.stringValue().equals("application-ref")) {
        JsonNode filter = schema.get(UI_FILTER);
        if (filter == null || !filter.isObject() || !filter.has("blueprint")
            || !BlueprintNames.isValid(filter.get("blueprint").asString())) {
          problems.add(new ConfigProblem(pointer + "/" + UI_FILTER,
              "an application-ref field needs " + UI_FILTER + " with the Blueprint it refers to, e.g. "
                  + "{\"blueprint\": \"bp-postgres\", \"environment\": \"current\"}"));
        }
      } else if (hint.stringValue().equals("password") && schema.has("default")) {
        problems.add(new ConfigProblem(pointer + "/default",
            "a password field must not carry a default; secrets never live in a Blueprint"));
      }
    }
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      String at = pointer + "/" + escape(key);
      if (ONE.contains(key)) {
        walk(value, at, problems);
      } else if (MAP.contains(key) && value.isObject()) {
        for (Map.Entry<String, JsonNode> child : value.properties()) {
          walk(child.getValue(), at + "/" + escape(child.getKey()), problems);
        }
      } else if (ARRAY.contains(key) && value.isArray()) {
        Iterator<JsonNode> it = value.iterator();
        for (int i = 0; it.hasNext(); i++) {
          walk(it.next(), at + "/" + i, problems);
        }
      }
    }
  }

  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static String pointer(com.networknt.schema.Error e) {
    String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
    if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
      at = at + "/" + escape(e.getProperty());
    }
    return at;
  }

  private static String message(com.networknt.schema.Error e) {
    String m = e.getMessage();
    String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
    // The library prefixes messages with the location; the pointer already says where.
    if (!at.isEmpty() && m.startsWith(at + ": ")) {
      m = m.substring(at.length() + 2);
    } else if (m.startsWith(": ")) {
      m = m.substring(2);
    }
    return m;
  }
}
