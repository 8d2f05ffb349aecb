package io.catalyst.promotion.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policies in force, per Environment, in memory (a decision reads it without I/O). It is fed snapshots of the
 * {@code policies/} folder of {@code system/catalyst-config}: a valid file replaces the policy of its Environment; an
 * invalid one is refused and the last valid version stays in force; a deleted file takes its policy out.
 */
public final class PolicyIndex {

  static final String FOLDER = "policies";
  private static final Pattern FILE = Pattern.compile("^" + FOLDER + "/(.+)-policy\\.ya?ml$");

  /** A policy in force, with the commit and file it was read from. */
  public record Indexed(EnvironmentPolicy policy, String commit, String path) {}

  /** A file that was not taken in, and why; {@code inForce} is what stays in force for its Environment. */
  public record Refusal(String path, EnvironmentName environment, String commit, List<PolicyError> errors,
      Indexed inForce) {}

  /** What one snapshot changed. */
  public record Report(String commit, List<EnvironmentName> loaded, List<Refusal> refused,
      List<EnvironmentName> removed) {}

  private final PolicyParser parser;
  private final Map<EnvironmentName, Indexed> policies = new ConcurrentHashMap<>();
  private volatile String commit;

  public PolicyIndex(PolicyParser parser) {
    this.parser = parser;
  }

  public Optional<Indexed> find(EnvironmentName environment) {
    return Optional.ofNullable(policies.get(environment));
  }

  /** The commit of the last snapshot applied, null before the first. */
  public String commit() {
    return commit;
  }

  public int size() {
    return policies.size();
  }

  /** The Environment a file of {@code system/catalyst-config} is the policy of, if its path names one. */
  public static Optional<EnvironmentName> environmentOf(String path) {
    Matcher m = path == null ? null : FILE.matcher(path);
    return m != null && m.matches() ? EnvironmentName.parse(m.group(1)) : Optional.empty();
  }

  /** Applies the files of {@code policies/} at {@code commit} (path → content). */
  public synchronized Report apply(String commit, Map<String, byte[]> files) {
    List<EnvironmentName> loaded = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    Map<EnvironmentName, String> present = new HashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      String path = file.getKey();
      Optional<EnvironmentName> env = environmentOf(path);
      if (env.isEmpty()) {
        refused.add(new Refusal(path, null, commit, List.of(new PolicyError("", "is not where a policy lives: name it "
            + FOLDER + "/{org}-{env_type}-policy.yaml, env_type one of prod, stg, uat, dev, poc")), null));
        continue;
      }
      present.put(env.get(), path);
      PolicyParser.Result r = parser.parse(file.getValue(), env.get());
      if (r.ok()) {
        Indexed before = policies.put(env.get(), new Indexed(r.policy(), commit, path));
        if (before == null || !before.policy().equals(r.policy())) {
          loaded.add(env.get());
        }
      } else {
        refused.add(new Refusal(path, env.get(), commit, r.errors(), policies.get(env.get())));
      }
    }
    List<EnvironmentName> removed = new ArrayList<>();
    for (EnvironmentName env : List.copyOf(policies.keySet())) {
      if (!present.containsKey(env)) {
        policies.remove(env);
        removed.add(env);
      }
    }
    this.commit = commit;
    return new Report(commit, loaded, refused, removed);
  }
}
