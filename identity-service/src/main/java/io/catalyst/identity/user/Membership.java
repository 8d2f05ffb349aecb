package io.catalyst.identity.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user's place in its one Organization: its roles and, for {@code org-developer}, the Environments it is bound to
 * (role binding shape of DOMAIN.md §1.4).
 */
public record Membership(UUID userId, String organization, List<String> roles, List<String> environments,
    Instant joinedAt) {

  public Membership {
    roles = List.copyOf(roles);
    environments = environments == null ? List.of() : List.copyOf(environments);
  }
}
