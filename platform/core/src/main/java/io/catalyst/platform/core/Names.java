package io.catalyst.platform.core;

import java.util.regex.Pattern;

/**
 * The shapes of the names every service checks (ARCHITECTURE.md, "Names"; DOMAIN.md): one regex each, here, instead of
 * a copy per service. Rules beyond the shape (reserved words, an Organization not ending in {@code -{env_type}}, an
 * Environment being exactly {@code {org}-{env_type}}) stay with the service that owns the name.
 */
public final class Names {

  /** An Organization: 3–32 characters, a lowercase letter first, letters, digits and '-', not ending in '-'. */
  public static final Pattern ORGANIZATION = Pattern.compile("^[a-z][a-z0-9-]{1,30}[a-z0-9]$");
  /** An Application (also a Blueprint dependency's alias): 1–40 characters, a letter first, not ending in '-'. */
  public static final Pattern APPLICATION = Pattern.compile("^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$");
  /** A Blueprint: {@code bp-} then lowercase letters, digits and '-', not ending in '-'. */
  public static final Pattern BLUEPRINT = Pattern.compile("^bp-[a-z0-9]([a-z0-9-]*[a-z0-9])?$");

  private Names() {}

  public static boolean isOrganization(String name) {
    return name != null && ORGANIZATION.matcher(name).matches();
  }

  public static boolean isApplication(String name) {
    return name != null && APPLICATION.matcher(name).matches();
  }

  public static boolean isBlueprint(String name) {
    return name != null && BLUEPRINT.matcher(name).matches();
  }
}
