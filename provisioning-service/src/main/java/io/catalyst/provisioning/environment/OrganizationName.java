package io.catalyst.provisioning.environment;

import io.catalyst.platform.core.Names;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Organization name rule of ARCHITECTURE.md: 3–32 characters, {@code ^[a-z][a-z0-9-]{1,30}[a-z0-9]$}, no
 * {@code --}, not ending in {@code -{env_type}}, not a reserved word. identity-service owns Organizations; this
 * service applies the same rule to the names it receives in paths and events.
 */
public final class OrganizationName {

  private static final Pattern PATTERN = Names.ORGANIZATION;
  private static final Pattern ENV_SUFFIX = Pattern.compile(".*-(prod|stg|uat|dev|poc)$");
  private static final Set<String> RESERVED = Set.of("system", "flux", "crossplane", "catalyst", "gitea", "catalog",
      "catalog-sovereign", "shared-blueprints", "oci", "aws", "gcp", "fsn", "nbg", "hel", "ash", "hil", "sin", "apse",
      "cnn", "las", "mer", "dxb", "fra", "iad", "syd", "rtz", "dmz", "mgt", "prod", "stg", "uat", "dev", "poc");

  private OrganizationName() {}

  public static boolean isValid(String name) {
    return name != null && PATTERN.matcher(name).matches() && !name.contains("--")
        && !ENV_SUFFIX.matcher(name).matches() && !RESERVED.contains(name) && !name.startsWith("kube-");
  }
}
