package io.catalyst.provisioning.install;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders catalog-service leaves for provisioning in the values a dependent passes down
 * ({@code {{ .application.name }}}, {@code {{ .environment.name }}}, {@code {{ .organization.name }}}). Unknown
 * placeholders stay as they are.
 */
final class ValueTemplates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.([a-z]+\\.[a-zA-Z]+)\\s*}}");

  private ValueTemplates() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> render(Map<String, Object> values, Map<String, String> context) {
    return (Map<String, Object>) renderValue(values, context);
  }

  @SuppressWarnings("unchecked")
  private static Object renderValue(Object value, Map<String, String> context) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, renderValue(v, context)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(renderValue(v, context)));
      return out;
    }
    if (value instanceof String s && s.contains("{{")) {
      Matcher m = PLACEHOLDER.matcher(s);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String replacement = context.get(m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
      }
      m.appendTail(out);
      return out.toString();
    }
    return value;
  }
}
