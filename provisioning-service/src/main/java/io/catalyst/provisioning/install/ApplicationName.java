package io.catalyst.provisioning.install;

import io.catalyst.platform.core.Names;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An Application's name (ARCHITECTURE.md): {@code ^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$}, at most 40 characters. It is
 * the repository name, the namespace in the virtual cluster and a DNS label; unique per Organization. Names the API
 * uses as a path segment where an Application's name goes are reserved ({@link #RESERVED}).
 */
public final class ApplicationName {

  public static final int MAX = 40;

  /**
   * Names an Application may not take: {@code GET …/environments/{env}/applications/events} is the Environment's live
   * status stream (SSE), so an Application of that name could never be read at {@code …/applications/{app}}.
   * {@code shared-blueprints} is the Organization's repository of private Blueprints.
   */
  public static final Set<String> RESERVED = Set.of("events", RepositoryPath.SHARED_BLUEPRINTS);
  private static final Pattern PATTERN = Names.APPLICATION;

  private ApplicationName() {}

  public static boolean isValid(String name) {
    return name != null && PATTERN.matcher(name).matches() && !name.contains("--") && !RESERVED.contains(name);
  }

  /** What is wrong with {@code name}, in words a user can act on; null when it is valid. */
  public static String problem(String name) {
    if (name == null || name.isBlank()) {
      return "is required: a lower-case name such as muscat-pharmacy";
    }
    if (name.length() > MAX) {
      return "must be at most " + MAX + " characters";
    }
    if (RepositoryPath.SHARED_BLUEPRINTS.equals(name)) {
      return "is reserved for the Organization's private Blueprints";
    }
    if (RESERVED.contains(name)) {
      return "'" + name + "' is reserved: GET /api/v1/provisioning/environments/{env}/applications/" + name
          + " is the Environment's live status stream; "
          + "choose another name";
    }
    if (!isValid(name)) {
      return "must start with a letter, end with a letter or digit and contain only a-z, 0-9 and single '-'";
    }
    return null;
  }
}
