package io.catalyst.promotion.gate;

import java.time.Instant;
import java.util.Set;

/**
 * One approval of a promotion, as given: by whom (with the teams and roles they held then), for which source head
 * SHA, when. An approval counts only for the SHA it was given to.
 */
public record Approval(String subject, Set<String> teams, Set<String> roles, String sha, Instant at) {

  public Approval {
    teams = teams == null ? Set.of() : Set.copyOf(teams);
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }
}
