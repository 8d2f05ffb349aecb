package io.catalyst.identity.organization;

import io.catalyst.platform.core.Names;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rules of an Organization's slug (ARCHITECTURE.md "Names", DOMAIN.md §2.2): 3–32 characters, lowercase letters,
 * digits and hyphens, starting with a letter and ending with a letter or digit, no {@code --}, not ending in
 * {@code -{env_type}} (Environments are {@code {org}-{env_type}}, parsed on the last hyphen), no reserved word.
 */
public final class OrganizationSlug {

  public static final int MAX = 32;
  private static final Pattern SHAPE = Names.ORGANIZATION;
  private static final Pattern ENV_SUFFIX = Pattern.compile("-(prod|stg|uat|dev|poc)$");
  static final Set<String> RESERVED = Set.of(
      "system", "flux", "crossplane", "catalyst", "gitea", "catalog", "catalog-sovereign", "shared-blueprints",
      // provider, region, building-block and env-type codes of three letters or more (DOMAIN.md §2.1)
      "oci", "aws", "gcp", "fsn", "nbg", "hel", "ash", "hil", "sin", "apse", "cnn", "las", "mer", "dxb", "fra",
      "iad", "syd", "rtz", "dmz", "mgt", "prod", "stg", "uat", "dev", "poc",
      // fixed path segments under /api/v1/identity/organizations
      "slug-suggestion", "slug-availability");

  private OrganizationSlug() {}

  /** Why {@code slug} is not a valid Organization name, or empty when it is. */
  public static Optional<String> problem(String slug) {
    if (slug == null || slug.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (slug.length() < 3 || slug.length() > MAX) {
      return Optional.of("must be 3 to 32 characters long");
    }
    if (!SHAPE.matcher(slug).matches()) {
      return Optional.of("must use lowercase letters, digits and hyphens, start with a letter and end with a letter"
          + " or digit");
    }
    if (slug.contains("--")) {
      return Optional.of("must not contain two hyphens in a row");
    }
    if (ENV_SUFFIX.matcher(slug).find()) {
      return Optional.of("must not end in -prod, -stg, -uat, -dev or -poc (those name Environments)");
    }
    if (RESERVED.contains(slug) || slug.startsWith("kube-")) {
      return Optional.of("is reserved; choose another name");
    }
    return Optional.empty();
  }

  public static boolean isValid(String slug) {
    return problem(slug).isEmpty();
  }

  /**
   * A valid slug proposed from a business name ({@code Muscat Pharmacy} → {@code muscat-pharmacy}); when it is
   * taken, {@code -2}, {@code -3}, … is appended.
   */
  public static String suggest(String businessName, Predicate<String> taken) {
    String base = base(businessName);
    if (!taken.test(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String suffix = "-" + n;
      String head = trimHyphens(base.substring(0, Math.min(base.length(), MAX - suffix.length())));
      String candidate = head + suffix;
      if (isValid(candidate) && !taken.test(candidate)) {
        return candidate;
      }
    }
  }

  static String base(String businessName) {
    String ascii = Normalizer.normalize(businessName == null ? "" : businessName, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replace("&", " and ").replace("'", "");
    String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+", "");
    slug = trimHyphens(slug.length() > MAX ? slug.substring(0, MAX) : slug);
    if (slug.length() < 3) {
      slug = slug.isEmpty() ? "my-business" : slug + "-org";
    }
    if (!isValid(slug)) {
      // Reserved, or ends like an Environment: keep the name recognisable and make it valid.
      String head = trimHyphens(slug.substring(0, Math.min(slug.length(), MAX - 4)));
      slug = head + "-org";
    }
    return isValid(slug) ? slug : "my-business";
  }

  private static String trimHyphens(String s) {
    return s.replaceAll("^-+", "").replaceAll("-+$", "");
  }
}
