package io.catalyst.provisioning.hostname;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a subdomain chosen in the install wizard (DOMAIN.md §2.2, pool subdomain): one RFC 1035 label of at
 * most 63 characters, lower-case letters, digits and {@code -}, starting with a letter, not ending with {@code -};
 * not a reserved word; not shaped like an Environment name ({@code {org}-{env_type}}), whose Applications' default
 * hostnames {@code {app}.{env}.{sovereign-domain}} live under it. A plain class.
 */
public final class Subdomain {

  /** DOMAIN.md §2.2, pool subdomain reserved list. */
  public static final Set<String> RESERVED = Set.of("api", "admin", "console", "gitea", "harbor", "keycloak", "www",
      "mail", "smtp", "imap", "vpn", "openova", "catalyst", "docs", "status", "app", "system", "openbao", "vault",
      "flux", "k8s");
  private static final Pattern LABEL = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
  private static final Pattern ENVIRONMENT = Pattern.compile("^[a-z][a-z0-9-]{2,31}-(prod|stg|uat|dev|poc)$");

  private Subdomain() {}

  /** What is wrong with {@code subdomain}, or null when it may be used (availability aside). */
  public static String problem(String subdomain) {
    if (subdomain == null || subdomain.isBlank()) {
      return "is empty; choose a name such as shop";
    }
    if (subdomain.length() > 63) {
      return "is longer than 63 characters (one DNS label)";
    }
    if (!subdomain.equals(subdomain.toLowerCase(java.util.Locale.ROOT))) {
      return "must be lower case";
    }
    if (!LABEL.matcher(subdomain).matches()) {
      return "must be one DNS label: lower-case letters, digits and '-', starting with a letter and not ending "
          + "with '-'";
    }
    if (RESERVED.contains(subdomain)) {
      return "is reserved for the platform; choose another name";
    }
    if (ENVIRONMENT.matcher(subdomain).matches()) {
      return "has the shape of an Environment name ({organization}-{type}), whose Applications' hostnames live "
          + "under it; choose another name";
    }
    return null;
  }

  /** {@code {subdomain}.{sovereign-domain}}. */
  public static String hostname(String subdomain, String sovereignDomain) {
    return subdomain + "." + sovereignDomain;
  }
}
