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

  /** Claims of a Catalyst service's client-credentials token. */
  public static Map<String, Object> forService() {
    return Map.of(CatalystClaims.ROLES, List.of(Role.SERVICE.value()));
  }
}
