package io.catalyst.identity.token;

import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.core.CatalystClaims;
import io.catalyst.platform.core.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The Catalyst claims of a user's access token, read fresh from its membership at every issue (a role change takes
 * effect at the next refresh): {@code org}, {@code roles}, {@code teams}, and {@code environments} for an
 * {@code org-developer}. Used by the API's token issuer and by the authorization server's token customizer alike.
 */
@Component
public class AccessTokenClaims {

  /** OIDC's standard claim: whether the user proved their email (false for phone-only accounts). */
  public static final String EMAIL_VERIFIED = "email_verified";

  private final Users users;

  public AccessTokenClaims(Users users) {
    this.users = users;
  }

  public Map<String, Object> forUser(UUID userId) {
    UserAccount user = users.byId(userId)
        .orElseThrow(() -> new IllegalStateException("No user " + userId));
    return forUser(user);
  }

  public Map<String, Object> forUser(UserAccount user) {
    Map<String, Object> claims = new LinkedHashMap<>();
    List<String> roles = new ArrayList<>();
    if (user.sovereignAdmin()) {
      roles.add(Role.SOVEREIGN_ADMIN.value());
    }
    users.membership(user.id()).ifPresent(m -> addMembership(user, m, roles, claims));
    claims.put(CatalystClaims.ROLES, roles);
    claims.put(EMAIL_VERIFIED, user.emailVerified());
    return claims;
  }

  private void addMembership(UserAccount user, Membership m, List<String> roles, Map<String, Object> claims) {
    claims.put(CatalystClaims.ORGANIZATION, m.organization());
    m.roles().stream().filter(r -> !roles.contains(r)).forEach(roles::add);
    claims.put(CatalystClaims.TEAMS, users.teams(user.id()));
    if (m.roles().contains(Role.ORG_DEVELOPER.value())) {
      claims.put(CatalystClaims.ENVIRONMENTS, m.environments());
    }
  }

  /**
   * The OIDC standard claims of an ID token (and so of userinfo) for the scopes granted: {@code profile} gives
   * {@code name} and {@code preferred_username} (the email, or the phone of a phone-only account), {@code email} gives
   * {@code email} and {@code email_verified}, {@code phone} gives {@code phone_number}. An absent value is left out.
   */
  public static Map<String, Object> standardClaims(UserAccount user, java.util.Set<String> scopes) {
    Map<String, Object> claims = new LinkedHashMap<>();
    if (scopes.contains("profile")) {
      putIfPresent(claims, "name", user.displayName());
      putIfPresent(claims, "preferred_username", user.email() != null ? user.email() : user.phone());
    }
    if (scopes.contains("email") && user.email() != null) {
      claims.put("email", user.email());
      claims.put(EMAIL_VERIFIED, user.emailVerified());
    }
    if (scopes.contains("phone")) {
      putIfPresent(claims, "phone_number", user.phone());
    }
    return claims;
  }

  private static void putIfPresent(Map<String, Object> claims, String name, String value) {
    if (value != null && !value.isBlank()) {
      claims.put(name, value);
    }
  }

  /** Claims of a Catalyst service's client-credentials token. */
  public static Map<String, Object> forService() {
    return Map.of(CatalystClaims.ROLES, List.of(Role.SERVICE.value()));
  }
}
