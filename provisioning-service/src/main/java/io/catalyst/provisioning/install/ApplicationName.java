package io.catalyst.provisioning.install;

import io.catalyst.provisioning.githost.RepositoryPath;
import java.util.regex.Pattern;

/**
 * An Application's name (ARCHITECTURE.md): {@code ^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$}, at most 40 characters. It is
 * the repository name, the namespace in the virtual cluster and a DNS label; unique per Organization.
 */
public final class ApplicationName {

  public static final int MAX = 40;
  private static final Pattern PATTERN = Pattern.compile("^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$");

  private ApplicationName() {}

  public static boolean isValid(String name) {
    return name != null && PATTERN.matcher(name).matches() && !name.contains("--")
        && !RepositoryPath.SHARED_BLUEPRINTS.equals(name);
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
    if (!isValid(name)) {
      return "must start with a letter, end with a letter or digit and contain only a-z, 0-9 and single '-'";
    }
    return null;
  }
}
