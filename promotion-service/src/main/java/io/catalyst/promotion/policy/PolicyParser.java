package io.catalyst.promotion.policy;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an EnvironmentPolicy file ({@code policies/{org}-{env_type}-policy.yaml}) and says everything that is wrong
 * with it at once, each as a {@link PolicyError} with the path of the field ({@code spec.rules[1].duration}) and what
 * to write instead. A file with any error yields no policy: the last valid one stays in force.
 */
public final class PolicyParser {

  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_RULES = 32;
  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");
  private static final Set<String> SPEC = Set.of("appliesTo", "timezone", "rules");
  private static final Set<String> APPLIES_TO = Set.of("environments");
  private static final Map<String, Set<String>> RULE_FIELDS = Map.of(
      PolicyRule.PrRequired.KIND, Set.of("kind", "severity", "approvers", "minApprovals", "selfApproval"),
      PolicyRule.ReScoreGate.KIND, Set.of("kind", "severity", "minScore"),
      PolicyRule.Soak.KIND, Set.of("kind", "severity", "sourceEnvironment", "duration"),
      PolicyRule.ChangeWindow.KIND, Set.of("kind", "severity", "cron", "duration", "timezone"));
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final ZoneId defaultZone;

  /** {@code defaultZone}: the Sovereign's timezone, for a policy that names none. */
  public PolicyParser(ZoneId defaultZone) {
    this.defaultZone = defaultZone;
  }

  /** A policy, or every error that keeps the file out. */
  public record Result(EnvironmentPolicy policy, List<PolicyError> errors) {
    public Result {
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return policy != null;
    }
  }

  /**
   * Parses {@code yaml}; {@code expected}, when known (from the file's path), is the Environment the file must be
   * for.
   */
  public Result parse(byte[] yaml, EnvironmentName expected) {
    if (yaml.length > MAX_BYTES) {
      return fail("", "the policy file is larger than " + MAX_BYTES / 1024 + " KiB");
    }
    JsonNode root;
    try {
      root = YAML.readTree(new String(yaml, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      return fail("", "is not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    return parse(root, expected);
  }

  public Result parse(String yaml, EnvironmentName expected) {
    return parse(yaml.getBytes(StandardCharsets.UTF_8), expected);
  }

  Result parse(JsonNode root, EnvironmentName expected) {
    List<PolicyError> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return fail("", "must be a YAML mapping with apiVersion, kind, metadata and spec");
    }
    unknown(root, TOP, "", errors);
    String apiVersion = text(root, "apiVersion", "apiVersion", true, errors);
    if (apiVersion != null && !apiVersion.equals(EnvironmentPolicy.API_VERSION)) {
      errors.add(new PolicyError("apiVersion", "must be " + EnvironmentPolicy.API_VERSION));
    }
    String kind = text(root, "kind", "kind", true, errors);
    if (kind != null && !kind.equals(EnvironmentPolicy.KIND)) {
      errors.add(new PolicyError("kind", "must be " + EnvironmentPolicy.KIND));
    }

    EnvironmentName environment = null;
    JsonNode metadata = mapping(root, "metadata", "metadata", errors);
    JsonNode spec = mapping(root, "spec", "spec", errors);
    String name = null;
    if (metadata != null) {
      unknown(metadata, METADATA, "metadata", errors);
      name = text(metadata, "name", "metadata.name", true, errors);
      String namespace = text(metadata, "namespace", "metadata.namespace", false, errors);
      if (namespace != null && !namespace.equals(EnvironmentPolicy.NAMESPACE)) {
        errors.add(new PolicyError("metadata.namespace", "must be " + EnvironmentPolicy.NAMESPACE));
      }
    }
    ZoneId zone = defaultZone;
    List<PolicyRule> rules = new ArrayList<>();
    if (spec != null) {
      unknown(spec, SPEC, "spec", errors);
      environment = appliesTo(spec, errors);
      zone = zone(spec, "timezone", "spec.timezone", errors).orElse(defaultZone);
      rules = rules(spec, environment, errors);
    }
    if (environment != null) {
      if (name != null && !name.equals(environment.policyName())) {
        errors.add(new PolicyError("metadata.name", "must be " + environment.policyName()
            + " (the policy of " + environment.name() + " is named after it)"));
      }
      if (expected != null && !environment.equals(expected)) {
        errors.add(new PolicyError("spec.appliesTo.environments[0]", "must be " + expected.name()
            + ": this file is " + expected.policyPath()));
      }
    }
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    return new Result(new EnvironmentPolicy(environment, zone, rules), List.of());
  }

  private static EnvironmentName appliesTo(JsonNode spec, List<PolicyError> errors) {
    JsonNode appliesTo = mapping(spec, "appliesTo", "spec.appliesTo", errors);
    if (appliesTo == null) {
      return null;
    }
    unknown(appliesTo, APPLIES_TO, "spec.appliesTo", errors);
    JsonNode envs = appliesTo.get("environments");
    if (envs == null || envs.isNull()) {
      errors.add(new PolicyError("spec.appliesTo.environments", "is required: the one Environment, e.g. [acme-prod]"));
      return null;
    }
    if (!envs.isArray() || envs.size() != 1) {
      errors.add(new PolicyError("spec.appliesTo.environments",
          "must list exactly one Environment ({org}-{env_type}, e.g. [acme-prod]): a policy file is per Environment"));
      return null;
    }
    JsonNode env = envs.get(0);
    Optional<EnvironmentName> parsed = env.isString() ? EnvironmentName.parse(env.asString()) : Optional.empty();
    if (parsed.isEmpty()) {
      errors.add(new PolicyError("spec.appliesTo.environments[0]",
          "must name an Environment as {org}-{env_type}, env_type one of prod, stg, uat, dev, poc"));
      return null;
    }
    return parsed.get();
  }

  private List<PolicyRule> rules(JsonNode spec, EnvironmentName environment, List<PolicyError> errors) {
    List<PolicyRule> rules = new ArrayList<>();
    JsonNode list = spec.get("rules");
    if (list == null || list.isNull()) {
      return rules;
    }
    if (!list.isArray()) {
      errors.add(new PolicyError("spec.rules", "must be a list of rules"));
      return rules;
    }
    if (list.size() > MAX_RULES) {
      errors.add(new PolicyError("spec.rules", "must have at most " + MAX_RULES + " rules"));
      return rules;
    }
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "spec.rules[" + i + "]";
      JsonNode rule = list.get(i);
      if (!rule.isObject()) {
        errors.add(new PolicyError(path, "must be a mapping with a kind"));
        continue;
      }
      String kind = text(rule, "kind", path + ".kind", true, errors);
      if (kind == null) {
        continue;
      }
      if (!RULE_FIELDS.containsKey(kind)) {
        errors.add(new PolicyError(path + ".kind", "must be one of " + String.join(", ", PolicyRule.KINDS)));
        continue;
      }
      if (!seen.add(kind)) {
        errors.add(new PolicyError(path + ".kind", "appears twice: a policy has at most one " + kind + " rule"));
        continue;
      }
      unknown(rule, RULE_FIELDS.get(kind), path, errors);
      Severity severity = severity(rule, path, errors);
      int before = errors.size();
      PolicyRule parsed = switch (kind) {
        case PolicyRule.PrRequired.KIND -> prRequired(rule, path, severity, errors);
        case PolicyRule.ReScoreGate.KIND -> reScore(rule, path, severity, errors);
        case PolicyRule.Soak.KIND -> soak(rule, path, severity, environment, errors);
        default -> changeWindow(rule, path, severity, errors);
      };
      if (errors.size() == before && parsed != null) {
        rules.add(parsed);
      }
    }
    return rules;
  }

  private static PolicyRule prRequired(JsonNode rule, String path, Severity severity, List<PolicyError> errors) {
    List<ApproverRef> approvers = new ArrayList<>();
    JsonNode list = rule.get("approvers");
    if (list == null || list.isNull() || !list.isArray() || list.isEmpty()) {
      errors.add(new PolicyError(path + ".approvers",
          "must list who may approve: teams (team-platform) or roles (role:org-admin)"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        JsonNode a = list.get(i);
        ApproverRef.Result r = ApproverRef.parse(a.isString() ? a.asString() : null);
        if (r.ref() == null) {
          errors.add(new PolicyError(path + ".approvers[" + i + "]", r.problem()));
        } else if (approvers.contains(r.ref())) {
          errors.add(new PolicyError(path + ".approvers[" + i + "]", "is listed twice"));
        } else {
          approvers.add(r.ref());
        }
      }
    }
    Integer min = integer(rule, "minApprovals", path + ".minApprovals", 1, 10, errors);
    PolicyRule.SelfApproval self = PolicyRule.SelfApproval.NEVER;
    String selfText = text(rule, "selfApproval", path + ".selfApproval", false, errors);
    if (selfText != null) {
      if (selfText.equals("single-admin")) {
        self = PolicyRule.SelfApproval.SINGLE_ADMIN;
      } else if (!selfText.equals("never")) {
        errors.add(new PolicyError(path + ".selfApproval", "must be one of never, single-admin"));
      }
    }
    return min == null ? null : new PolicyRule.PrRequired(approvers, min, self, severity);
  }

  private static PolicyRule reScore(JsonNode rule, String path, Severity severity, List<PolicyError> errors) {
    Integer min = integer(rule, "minScore", path + ".minScore", 0, 100, errors);
    return min == null ? null : new PolicyRule.ReScoreGate(min, severity);
  }

  private static PolicyRule soak(JsonNode rule, String path, Severity severity, EnvironmentName environment,
      List<PolicyError> errors) {
    String source = text(rule, "sourceEnvironment", path + ".sourceEnvironment", false, errors);
    if (source != null) {
      Optional<EnvironmentName> parsed = EnvironmentName.parse(source);
      if (parsed.isEmpty()) {
        errors.add(new PolicyError(path + ".sourceEnvironment",
            "must name an Environment as {org}-{env_type}, e.g. acme-stg"));
      } else if (environment != null && !parsed.get().organization().equals(environment.organization())) {
        errors.add(new PolicyError(path + ".sourceEnvironment",
            "must be an Environment of " + environment.organization()));
      } else if (environment != null && parsed.get().equals(environment)) {
        errors.add(new PolicyError(path + ".sourceEnvironment", "must be a lower Environment than "
            + environment.name() + " itself"));
      }
    }
    Duration d = duration(rule, path + ".duration", Duration.ofDays(366), errors);
    return d == null ? null : new PolicyRule.Soak(source, d, severity);
  }

  private PolicyRule changeWindow(JsonNode rule, String path, Severity severity, List<PolicyError> errors) {
    String cron = text(rule, "cron", path + ".cron", true, errors);
    if (cron != null) {
      CronSchedule.problem(cron).ifPresent(p -> errors.add(new PolicyError(path + ".cron", p)));
    }
    Duration d = duration(rule, path + ".duration", Duration.ofDays(7), errors);
    Optional<ZoneId> zone = zone(rule, "timezone", path + ".timezone", errors);
    return cron == null || d == null ? null : new PolicyRule.ChangeWindow(cron.trim().replaceAll("\\s+", " "), d,
        zone.orElse(null), severity);
  }

  private static Severity severity(JsonNode rule, String path, List<PolicyError> errors) {
    String text = text(rule, "severity", path + ".severity", false, errors);
    if (text == null) {
      return Severity.BLOCKING;
    }
    return Severity.of(text).orElseGet(() -> {
      errors.add(new PolicyError(path + ".severity", "must be one of blocking, advisory"));
      return Severity.BLOCKING;
    });
  }

  private static Duration duration(JsonNode rule, String path, Duration max, List<PolicyError> errors) {
    String text = text(rule, "duration", path, true, errors);
    if (text == null) {
      return null;
    }
    Optional<Duration> d = PolicyDuration.parse(text);
    if (d.isEmpty() || d.get().isZero()) {
      errors.add(new PolicyError(path, "must be a duration such as 72h, 2h, 90m or 1h30m"));
      return null;
    }
    if (d.get().compareTo(max) > 0) {
      errors.add(new PolicyError(path, "must be at most " + PolicyDuration.format(max)));
      return null;
    }
    return d.get();
  }

  private static Optional<ZoneId> zone(JsonNode node, String field, String path, List<PolicyError> errors) {
    String text = text(node, field, path, false, errors);
    if (text == null) {
      return Optional.empty();
    }
    try {
      if (!text.contains("/") && !text.equals("UTC")) {
        throw new DateTimeException("not a region");
      }
      return Optional.of(ZoneId.of(text));
    } catch (DateTimeException e) {
      errors.add(new PolicyError(path, "must be an IANA timezone such as Asia/Muscat, Europe/Berlin or UTC"));
      return Optional.empty();
    }
  }

  private static Integer integer(JsonNode node, String field, String path, int min, int max,
      List<PolicyError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      errors.add(new PolicyError(path, "is required: a whole number from " + min + " to " + max));
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      errors.add(new PolicyError(path, "must be a whole number from " + min + " to " + max));
      return null;
    }
    return value.intValue();
  }

  private static String text(JsonNode node, String field, String path, boolean required, List<PolicyError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new PolicyError(path, "is required"));
      }
      return null;
    }
    if (!value.isString() || value.asString().isBlank()) {
      errors.add(new PolicyError(path, "must be a non-empty string"));
      return null;
    }
    return value.asString().trim();
  }

  private static JsonNode mapping(JsonNode node, String field, String path, List<PolicyError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      errors.add(new PolicyError(path, "is required"));
      return null;
    }
    if (!value.isObject()) {
      errors.add(new PolicyError(path, "must be a mapping"));
      return null;
    }
    return value;
  }

  private static void unknown(JsonNode node, Set<String> allowed, String path, List<PolicyError> errors) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!allowed.contains(e.getKey())) {
        errors.add(new PolicyError(path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
            "is not a field here; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
  }

  private static Result fail(String path, String message) {
    return new Result(null, List.of(new PolicyError(path, message)));
  }
}
