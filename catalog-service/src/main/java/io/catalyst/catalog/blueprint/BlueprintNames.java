package io.catalyst.catalog.blueprint;

import io.catalyst.platform.core.Names;
import java.util.regex.Pattern;

/** The Blueprint naming rule of DOMAIN.md §2.2. */
public final class BlueprintNames {

  public static final Pattern NAME = Names.BLUEPRINT;
  public static final int MAX_LENGTH = 63;

  private BlueprintNames() {}

  public static boolean isValid(String name) {
    return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches() && !name.contains("--");
  }

  public static String explain(String name) {
    return "'" + name + "' is not a Blueprint name: use 'bp-' followed by lowercase letters, digits and single "
        + "hyphens (at most " + MAX_LENGTH + " characters), e.g. bp-postgres";
  }
}
