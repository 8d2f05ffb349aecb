package io.catalyst.provisioning.githost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Finds plain secret values in the files of an Application repository that hold configuration: {@code values.yaml},
 * {@code overlays/**} and {@code secrets/**}. Only references are allowed there (an ExternalSecret, a SecretStore,
 * {@code existingSecret: name}, {@code secretKeyRef}, {@code ref+openbao://…}); a key that names a secret
 * ({@code password}, {@code token}, {@code apiKey}, …) with a literal value, a {@code kind: Secret} with data, or a
 * private key block is refused.
 */
public final class SecretScanner {

  /** One plain secret: where, and what to do about it. */
  public record Finding(String path, String key, String problem) {}

  /** Key endings that name a secret value (compared lower-case, without {@code -}, {@code _}, {@code .}). */
  private static final List<String> SECRET_KEYS = List.of("password", "passwd", "passphrase", "secret", "token",
      "apikey", "privatekey", "accesskey", "secretkey", "credential", "credentials", "clientsecret", "dsn");
  /** Key endings and prefixes that hold a reference to a secret, never the value. */
  private static final List<String> REFERENCE_SUFFIXES = List.of("ref", "name", "path", "file", "env", "keyref",
      "secretname", "enabled", "length", "ttl", "expiry", "policy");
  private static final Set<String> REFERENCE_KINDS = Set.of("ExternalSecret", "SecretStore", "ClusterSecretStore",
      "ClusterExternalSecret", "PushSecret", "SecretPolicy");
  /** Values that point somewhere instead of being the secret. */
  private static final Pattern REFERENCE_VALUE = Pattern.compile(
      "^(ref\\+[a-z0-9]+://.*|(openbao|vault|secret|externalsecret)://.*|\\$\\{[^}]+}|\\{\\{.*}}|<[a-z0-9 _-]+>)$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");

  /** Whether {@code path} is a file the scanner checks. */
  public static boolean applies(String path) {
    return path.equals("values.yaml") || path.startsWith("overlays/") || path.startsWith("secrets/");
  }

  public List<Finding> scan(String path, String content) {
    List<Finding> findings = new ArrayList<>();
    if (!applies(path)) {
      return findings;
    }
    if (PRIVATE_KEY.matcher(content).find()) {
      findings.add(new Finding(path, null, "contains a private key block"));
    }
    if (!(path.endsWith(".yaml") || path.endsWith(".yml"))) {
      if (path.startsWith("secrets/") && !path.endsWith(".md") && !path.endsWith("/.gitkeep")) {
        findings.add(new Finding(path, null, "secrets/ holds ExternalSecret and SecretStore manifests (YAML) only"));
      }
      return findings;
    }
    Iterable<Object> documents;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(50);
      documents = List.copyOf(toList(new Yaml(new SafeConstructor(options)).loadAll(content)));
    } catch (YAMLException | IllegalArgumentException e) {
      findings.add(new Finding(path, null, "is not valid YAML, so it cannot be checked for secrets ("
          + firstLine(e.getMessage()) + ")"));
      return findings;
    }
    for (Object document : documents) {
      if (document instanceof Map<?, ?> map) {
        Object kind = map.get("kind");
        if (kind instanceof String k && REFERENCE_KINDS.contains(k)) {
          continue; // a reference to a secret kept in OpenBao: what belongs here
        }
        if ("Secret".equals(kind) && (map.get("data") != null || map.get("stringData") != null)) {
          findings.add(new Finding(path, "kind: Secret", "is a Kubernetes Secret with its values in Git"));
          continue;
        }
      }
      walk(path, "", document, findings);
    }
    return findings;
  }

  private static List<Object> toList(Iterable<Object> it) {
    List<Object> out = new ArrayList<>();
    it.forEach(out::add);
    return out;
  }

  private void walk(String path, String prefix, Object node, List<Finding> findings) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String qualified = prefix.isEmpty() ? key : prefix + "." + key;
        Object value = e.getValue();
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
          if (!isReferenceKey(key)) {
            walk(path, qualified, value, findings);
          }
        } else if (isSecretKey(key) && isLiteral(value)) {
          findings.add(new Finding(path, qualified, "holds a plain secret value"));
        }
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(path, prefix + "[" + i + "]", list.get(i), findings);
      }
    }
  }

  static boolean isSecretKey(String key) {
    String k = normalize(key);
    if (k.startsWith("existing") || isReferenceKey(key)) {
      return false;
    }
    return SECRET_KEYS.stream().anyMatch(k::endsWith);
  }

  private static boolean isReferenceKey(String key) {
    String k = normalize(key);
    return REFERENCE_SUFFIXES.stream().anyMatch(k::endsWith) || k.equals("valuefrom") || k.equals("secretkeyref")
        || k.startsWith("existing");
  }

  private static boolean isLiteral(Object value) {
    if (value == null || value instanceof Boolean) {
      return false;
    }
    String s = String.valueOf(value).trim();
    return !s.isEmpty() && !REFERENCE_VALUE.matcher(s).matches();
  }

  private static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
