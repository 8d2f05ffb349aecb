package io.catalyst.platform.core;

/** Names of the claims Catalyst access tokens carry (issued by identity-service). */
public final class CatalystClaims {
  /** The Organization id (slug) the user acts in. */
  public static final String ORGANIZATION = "org";
  /** Role names, e.g. {@code org-admin}. */
  public static final String ROLES = "roles";
  /** Team names inside the Organization, e.g. {@code team-platform}. */
  public static final String TEAMS = "teams";
  /** For {@code org-developer}: the Environments it is bound to, e.g. {@code acme-dev}. */
  public static final String ENVIRONMENTS = "environments";
  /** Space-separated OAuth2 scopes. */
  public static final String SCOPE = "scope";

  private CatalystClaims() {}
}
