package io.catalyst.identity.team;

import io.catalyst.identity.contract.IdentityApi;
import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.organization.Organizations;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.Users;
import io.catalyst.identity.web.Page;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teams inside an Organization: org-admins create, rename and change membership; members, sovereign-admins and
 * services read, and ask "is user U in team T". The {@code teams} claim is read at every token issue.
 */
@Service
public class TeamService {

  private final Teams teams;
  private final Users users;
  private final Organizations organizations;
  private final Outbox outbox;
  private final Clock clock;

  TeamService(Teams teams, Users users, Organizations organizations, Outbox outbox, Clock clock) {
    this.teams = teams;
    this.users = users;
    this.organizations = organizations;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Page<IdentityApi.Team> list(Caller caller, String org, int page, int size) {
    visible(caller, org);
    Page.check(page, size);
    return new Page<>(teams.of(org, page, size).stream().map(TeamService::view).toList(), page, size,
        teams.count(org));
  }

  @Transactional(readOnly = true)
  public IdentityApi.Team read(Caller caller, String org, String team) {
    visible(caller, org);
    return view(team(org, team));
  }

  @Transactional
  public IdentityApi.Team create(Caller caller, String org, String name, String displayName) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    TeamName.problem(name).ifPresent(p -> {
      throw ProblemException.invalid("The team name " + p + ".", List.of(FieldProblem.field("name", p)));
    });
    String display = displayName(displayName == null ? name : displayName);
    if (!teams.insert(org, name, display, clock.instant())) {
      throw ProblemException.conflict("A team named " + name + " exists in " + org + ".");
    }
    outbox.publish(CatalystEvent.of(IdentityEvents.TEAM_CREATED, "organizations/" + org + "/teams/" + name, org,
        new IdentityEvents.TeamCreated(org, name, display)).by(caller.subject()));
    return view(team(org, name));
  }

  @Transactional
  public IdentityApi.Team rename(Caller caller, String org, String name, String displayName) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    Teams.Team current = team(org, name);
    String display = displayName(displayName);
    if (!display.equals(current.displayName())) {
      teams.rename(org, name, display);
      outbox.publish(CatalystEvent.of(IdentityEvents.TEAM_RENAMED, "organizations/" + org + "/teams/" + name, org,
          new IdentityEvents.TeamRenamed(org, name, display, current.displayName())).by(caller.subject()));
    }
    return view(team(org, name));
  }

  /** Deletes the team (org-admin); its memberships go with it, so the next token of its members no longer names it. */
  @Transactional
  public void delete(Caller caller, String org, String name) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    Teams.Team current = team(org, name);
    teams.delete(org, name);
    outbox.publish(CatalystEvent.of(IdentityEvents.TEAM_DELETED, "organizations/" + org + "/teams/" + name, org,
        new IdentityEvents.TeamDeleted(org, name, current.members())).by(caller.subject()));
  }

  @Transactional
  public void addMember(Caller caller, String org, String team, UUID user) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    team(org, team);
    if (!users.membership(user).map(Membership::organization).map(org::equals).orElse(false)) {
      throw ProblemException.notFound("Member " + user + " of " + org);
    }
    if (teams.addMember(org, team, user)) {
      outbox.publish(CatalystEvent.of(IdentityEvents.TEAM_MEMBER_ADDED, "organizations/" + org + "/teams/" + team,
          org, new IdentityEvents.TeamMemberAdded(org, team, user.toString())).by(caller.subject()));
    }
  }

  @Transactional
  public void removeMember(Caller caller, String org, String team, UUID user) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    team(org, team);
    if (!teams.removeMember(org, team, user)) {
      throw ProblemException.notFound("Member " + user + " of team " + team);
    }
    outbox.publish(CatalystEvent.of(IdentityEvents.TEAM_MEMBER_REMOVED, "organizations/" + org + "/teams/" + team,
        org, new IdentityEvents.TeamMemberRemoved(org, team, user.toString())).by(caller.subject()));
  }

  @Transactional(readOnly = true)
  public Page<UUID> members(Caller caller, String org, String team, int page, int size) {
    visible(caller, org);
    Page.check(page, size);
    Teams.Team t = team(org, team);
    return new Page<>(teams.members(org, team, page, size), page, size, t.members());
  }

  /** 200 when {@code user} is in the team, 404 otherwise (also for an unknown team or Organization). */
  @Transactional(readOnly = true)
  public void requireMember(Caller caller, String org, String team, UUID user) {
    visible(caller, org);
    if (!teams.isMember(org, team, user)) {
      throw ProblemException.notFound("Member " + user + " of team " + team);
    }
  }

  private Teams.Team team(String org, String name) {
    return teams.find(org, name).orElseThrow(() -> ProblemException.notFound("Team " + name + " of " + org));
  }

  private void visible(Caller caller, String org) {
    caller.requireVisible(org, "Organization " + org);
    if (!organizations.exists(org)) {
      throw ProblemException.notFound("Organization " + org);
    }
  }

  private static String displayName(String name) {
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.length() > 100) {
      throw ProblemException.invalid("The display name is not valid.",
          List.of(FieldProblem.field("displayName", "must be 1 to 100 characters")));
    }
    return trimmed;
  }

  private static IdentityApi.Team view(Teams.Team t) {
    return new IdentityApi.Team(t.name(), t.displayName(), t.members(), t.createdAt());
  }
}
