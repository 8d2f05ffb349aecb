package io.catalyst.platform.web.security;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.core.TokenScopes;
import io.catalyst.platform.web.problem.ProblemException;
import java.util.Arrays;
import java.util.Set;

/**
 * Who is calling, as the access token says: the user (or service), the Organization it acts in, its roles, teams,
 * and for an {@code org-developer} the Environments it is bound to. Declare it as a controller method parameter.
 *
 * <p>The rules here are the ones every service applies the same way: another Organization's data is invisible
 * (404), a missing role is 403.
 *
 * <p>A caller authenticated by a personal access token ({@code cat_pat_…}) has the owner's claims plus the token's
 * {@code scopes} ({@code api:read api:write git:read git:write}, see {@link TokenScopes}), which limit what it may do
 * on top of the roles; an access token (JWT) is not limited by scopes ({@link #allows(String)} is always true).
 */
public record Caller(
    String subject, String organization, Set<String> roles, Set<String> teams, Set<String> environments,
    Set<String> scopes, boolean personalAccessToken) {

  /**
   * Where a filter that authenticates outside Spring Security's context (the Git host's) leaves the caller, so the
   * request context still knows who acts.
   */
  public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

  public static final Caller ANONYMOUS = new Caller(null, null, Set.of(), Set.of(), Set.of());

  public Caller {
    roles = roles == null ? Set.of() : Set.copyOf(roles);
    teams = teams == null ? Set.of() : Set.copyOf(teams);
    environments = environments == null ? Set.of() : Set.copyOf(environments);
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }

  /** A caller authenticated by an access token (JWT): not limited by scopes. */
  public Caller(String subject, String organization, Set<String> roles, Set<String> teams, Set<String> environments) {
    this(subject, organization, roles, teams, environments, Set.of(), false);
  }

  /** A caller authenticated by a personal access token: the owner's claims, limited to the token's scopes. */
  public static Caller ofPersonalAccessToken(String subject, String organization, Set<String> roles,
      Set<String> teams, Set<String> environments, Set<String> scopes) {
    return new Caller(subject, organization, roles, teams, environments, scopes, true);
  }

  /**
   * Whether the credential allows {@code scope} (e.g. {@code git:write}): always for an access token, for a personal
   * access token when it carries the scope (a {@code :write} scope includes its {@code :read}).
   */
  public boolean allows(String scope) {
    return !personalAccessToken || TokenScopes.grants(scopes, scope);
  }

  public boolean isAuthenticated() {
    return subject != null;
  }

  public boolean has(Role role) {
    return roles.contains(role.value());
  }

  public boolean hasAny(Role... any) {
    return Arrays.stream(any).anyMatch(this::has);
  }

  public boolean isSovereignAdmin() {
    return has(Role.SOVEREIGN_ADMIN);
  }

  /** A Catalyst service calling with its client-credentials token. */
  public boolean isService() {
    return has(Role.SERVICE);
  }

  public boolean inTeam(String team) {
    return teams.contains(team);
  }

  /** Whether this caller may see anything of {@code org}: its own Organization, or cross-Organization callers. */
  public boolean canSee(String org) {
    return isSovereignAdmin() || isService() || (organization != null && organization.equals(org));
  }

  /**
   * Throws 404 unless the caller may see {@code org}: the existence of another Organization's resource is never
   * revealed. {@code what} names the resource as the caller asked for it, e.g. {@code "Environment acme-prod"}.
   */
  public void requireVisible(String org, String what) {
    if (!canSee(org)) {
      throw ProblemException.notFound(what);
    }
  }

  /** Throws 403 unless the caller has one of the roles (sovereign-admin and services always pass). */
  public void requireRole(Role... any) {
    if (isSovereignAdmin() || isService()) {
      return;
    }
    if (!hasAny(any)) {
      throw ProblemException.forbidden("This needs the role " + String.join(" or ",
          Arrays.stream(any).map(Role::value).toList()) + " in your Organization; ask an org-admin.");
    }
  }

  /**
   * Whether the caller may change things in {@code environment} of its Organization: org-admins anywhere in it,
   * org-developers only in the Environments they are bound to.
   */
  public boolean mayChange(String org, String environment) {
    if (isSovereignAdmin() || isService()) {
      return true;
    }
    if (!canSee(org)) {
      return false;
    }
    return has(Role.ORG_ADMIN) || (has(Role.ORG_DEVELOPER) && environments.contains(environment));
  }
}
