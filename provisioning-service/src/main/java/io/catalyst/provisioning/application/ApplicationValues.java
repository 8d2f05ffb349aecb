package io.catalyst.provisioning.application;

import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An Application's values as files: the Environment's overlay path, the effective values (overlay over base), YAML
 * read and written, and the differences of two versions. Plain functions.
 */
public final class ApplicationValues {



  private ApplicationValues() {}

  @SuppressWarnings("unchecked")
  public static void compare(String pointer, Object before, Object after, List<Applications.ValueChange> out) {
    if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
      java.util.TreeSet<String> keys = new java.util.TreeSet<>();
      ((Map<String, Object>) b).keySet().forEach(keys::add);
      ((Map<String, Object>) a).keySet().forEach(keys::add);
      for (String key : keys) {
        compare(pointer + "/" + key.replace("~", "~0").replace("/", "~1"), b.get(key), a.get(key), out);
      }
    } else if (!java.util.Objects.equals(before, after)) {
      out.add(new Applications.ValueChange(pointer.isEmpty() ? "/" : pointer, before, after));
    }
  }

  static String diff(String path, String before, String after) {
    org.eclipse.jgit.diff.RawText a = new org.eclipse.jgit.diff.RawText(before.getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    org.eclipse.jgit.diff.RawText b = new org.eclipse.jgit.diff.RawText(after.getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    org.eclipse.jgit.diff.EditList edits = org.eclipse.jgit.diff.DiffAlgorithm.getAlgorithm(
        org.eclipse.jgit.diff.DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
        .diff(org.eclipse.jgit.diff.RawTextComparator.DEFAULT, a, b);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.eclipse.jgit.diff.DiffFormatter formatter = new org.eclipse.jgit.diff.DiffFormatter(out)) {
      out.write(("--- a/" + path + "\n+++ b/" + path + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      formatter.format(edits, a, b);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The values file of {@code env}'s overlay: {@code overlays/<env_type>/values.yaml}. */
  static String overlayPath(EnvironmentName env) {
    return "overlays/" + env.type().code() + "/values.yaml";
  }

  /**
   * The values an Application runs with in {@code env}: its branch's {@code values.yaml} with the Environment's
   * overlay applied over it (what Flux would render). Empty when the repo or branch does not exist.
   */
  public static Map<String, Object> effectiveValues(GitRepositories git, RepositoryPath repo, EnvironmentName env) {
    if (!git.exists(repo)) {
      return Map.of();
    }
    String branch = env.type().branch();
    return merge(git.read(repo, branch, "values.yaml").map(ApplicationValues::parse).orElse(Map.of()),
        git.read(repo, branch, overlayPath(env)).map(ApplicationValues::parse).orElse(Map.of()));
  }

  static String overlayHeader(EnvironmentName env) {
    return "# Values of the " + env.type().code() + " Environment only (applied over ../../values.yaml).\n";
  }

  /** {@code overlay} applied over {@code base}: maps merge key by key, anything else replaces. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    overlay.forEach((key, value) -> {
      if (value instanceof Map<?, ?> o && out.get(key) instanceof Map<?, ?> b) {
        out.put(key, merge((Map<String, Object>) b, (Map<String, Object>) o));
      } else {
        out.put(key, value);
      }
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yaml) {
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (loaded == null) {
      return Map.of();
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("not a mapping");
    }
    return (Map<String, Object>) map;
  }

  static String dump(Map<String, Object> values) {
    if (values.isEmpty()) {
      return "{}\n";
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setSplitLines(false);
    return new Yaml(options).dump(values);
  }
}
