package io.catalyst.catalog.resolve;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills {@code {{ .config.x.y }}} placeholders in a dependency's {@code values} from the dependent's config. A string
 * that is exactly one placeholder takes the value with its type; placeholders inside text are replaced by the text of
 * the value. Other placeholders ({@code .application.name}, …) are left for provisioning, which knows them.
 */
final class ValueTemplates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{-?\\s*\\.config((?:\\.[A-Za-z0-9_-]+)+)\\s*-?}}");

  private ValueTemplates() {}

  static ObjectNode render(ObjectNode values, JsonNode config) {
    return (ObjectNode) render((JsonNode) values, config);
  }

  private static JsonNode render(JsonNode node, JsonNode config) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(e.getKey(), render(e.getValue(), config));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> out.add(render(child, config)));
      return out;
    }
    if (!node.isString()) {
      return node;
    }
    String text = node.stringValue();
    Matcher whole = PLACEHOLDER.matcher(text.trim());
    if (whole.matches()) {
      JsonNode value = lookup(config, whole.group(1));
      return value == null ? node : value.deepCopy();
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      JsonNode value = lookup(config, m.group(1));
      String replacement = value == null ? m.group() : value.isValueNode() ? value.asString() : value.toString();
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return JsonNodeFactory.instance.stringNode(sb.toString());
  }

  private static JsonNode lookup(JsonNode config, String dottedPath) {
    JsonNode n = config;
    for (String segment : dottedPath.substring(1).split("\\.")) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(segment);
    }
    return n == null || n.isMissingNode() ? null : n;
  }
}
