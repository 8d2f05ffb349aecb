package io.catalyst.platform.core;

import java.util.Optional;
import java.util.Set;
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
  /** Organization names nobody may take (DOMAIN.md §2.1–2.2): platform words, provider/region/env-type codes, paths. */
  public static final Set<String> RESERVED_ORGANIZATIONS = Set.of(
      "system", "flux", "crossplane", "catalyst", "gitea", "catalog", "catalog-sovereign", "shared-blueprints",
      // provider, region, building-block and env-type codes of three letters or more
      "oci", "aws", "gcp", "fsn", "nbg", "hel", "ash", "hil", "sin", "apse", "cnn", "las", "mer", "dxb", "fra",
      "iad", "syd", "rtz", "dmz", "mgt", "prod", "stg", "uat", "dev", "poc",
      // fixed path segments under /api/v1/identity/organizations
      "slug-suggestion", "slug-availability");
  private static final Pattern ENV_SUFFIX = Pattern.compile("-(prod|stg|uat|dev|poc)$");

  /** A Blueprint: {@code bp-} then lowercase letters, digits and '-', not ending in '-'. */
  public static final Pattern BLUEPRINT = Pattern.compile("^bp-[a-z0-9]([a-z0-9-]*[a-z0-9])?$");

  private Names() {}

  /**
   * Whether {@code name} may name an Organization: the shape, no {@code --}, not ending in {@code -{env_type}}
   * (Environments are {@code {org}-{env_type}}), not reserved, not {@code kube-…}.
   */
  public static boolean isOrganization(String name) {
    return organizationProblem(name).isEmpty();
  }

  /** What is wrong with {@code name} as an Organization's name, in words a person can act on; empty when nothing. */
  public static Optional<String> organizationProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.length() < 3 || name.length() > 32) {
      return Optional.of("must be 3 to 32 characters long");
    }
    if (!ORGANIZATION.matcher(name).matches()) {
      return Optional.of("must use lowercase letters, digits and hyphens, start with a letter and end with a letter"
          + " or digit");
    }
    if (name.contains("--")) {
      return Optional.of("must not contain two hyphens in a row");
    }
    if (ENV_SUFFIX.matcher(name).find()) {
      return Optional.of("must not end in -prod, -stg, -uat, -dev or -poc (those name Environments)");
    }
    if (RESERVED_ORGANIZATIONS.contains(name) || name.startsWith("kube-")) {
      return Optional.of("is reserved; choose another name");
    }
    return Optional.empty();
  }

  public static boolean isApplication(String name) {
    return name != null && APPLICATION.matcher(name).matches();
  }

  public static boolean isBlueprint(String name) {
    return name != null && BLUEPRINT.matcher(name).matches();
  }
}
