package io.catalyst.identity.organization;

import io.catalyst.platform.core.Names;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules of an Organization's slug (ARCHITECTURE.md "Names", DOMAIN.md §2.2): 3–32 characters, lowercase letters,
 * digits and hyphens, starting with a letter and ending with a letter or digit, no {@code --}, not ending in
 * {@code -{env_type}} (Environments are {@code {org}-{env_type}}, parsed on the last hyphen), no reserved word.
 */
public final class OrganizationSlug {

  public static final int MAX = 32;
  static final Set<String> RESERVED = Names.RESERVED_ORGANIZATIONS;

  private OrganizationSlug() {}

  /** Why {@code slug} is not a valid Organization name, or empty when it is (the rule is platform/core's). */
  public static Optional<String> problem(String slug) {
    return Names.organizationProblem(slug);
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
