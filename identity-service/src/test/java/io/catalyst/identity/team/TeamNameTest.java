package io.catalyst.identity.team;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamNameTest {

  @Test
  void teamNames() {
    assertThat(TeamName.problem("team-platform")).isEmpty();
    assertThat(TeamName.problem("team-security-2")).isEmpty();
    assertThat(TeamName.problem("team-" + "a".repeat(58))).isEmpty();
    assertThat(TeamName.problem("team-" + "a".repeat(59))).contains("must be at most 63 characters");
    for (String bad : new String[] {"platform", "team-", "Team-platform", "team_platform", "team-a b", "team-a-",
        "team--a", "", "team-ä"}) {
      assertThat(TeamName.problem(bad)).as(bad).isPresent();
    }
    assertThat(TeamName.problem(null)).isPresent();
  }
}
