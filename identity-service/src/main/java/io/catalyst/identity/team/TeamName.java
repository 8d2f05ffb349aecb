package io.catalyst.identity.team;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A team's name, as CODEOWNERS files and EnvironmentPolicy approvers write it: {@code team-} then lowercase letters,
 * digits and hyphens, at most 63 characters, not ending in a hyphen, no {@code --}. Immutable; the display name
 * changes.
 */
public final class TeamName {

  public static final int MAX = 63;
  private static final Pattern SHAPE = Pattern.compile("^team-[a-z0-9-]+$");

  private TeamName() {}

  public static Optional<String> problem(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (name.length() > MAX) {
      return Optional.of("must be at most 63 characters");
    }
    if (!SHAPE.matcher(name).matches()) {
      return Optional.of("must start with team- and use lowercase letters, digits and hyphens, e.g. team-platform");
    }
    if (name.endsWith("-") || name.contains("--")) {
      return Optional.of("must not end in a hyphen or contain two hyphens in a row");
    }
    return Optional.empty();
  }
}
