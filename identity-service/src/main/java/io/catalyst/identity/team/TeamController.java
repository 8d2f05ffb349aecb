package io.catalyst.identity.team;

import io.catalyst.identity.contract.IdentityApi;
import io.catalyst.identity.web.Page;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/identity/organizations/{org}/teams")
@Tag(name = "Teams")
class TeamController {

  private final TeamService teams;

  TeamController(TeamService teams) {
    this.teams = teams;
  }

  record CreateTeam(String name, String displayName) {}

  record RenameTeam(String displayName) {}

  @GetMapping
  @Operation(summary = "Teams of the Organization (members, sovereign-admins, services)")
  Page<IdentityApi.Team> list(Caller caller, @PathVariable String org, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return teams.list(caller, org, page, size);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a team team-… (org-admin)")
  IdentityApi.Team create(Caller caller, @PathVariable String org, @RequestBody CreateTeam request) {
    return teams.create(caller, org, request.name(), request.displayName());
  }

  @GetMapping("/{team}")
  @Operation(summary = "A team")
  IdentityApi.Team read(Caller caller, @PathVariable String org, @PathVariable String team) {
    return teams.read(caller, org, team);
  }

  @PatchMapping("/{team}")
  @Operation(summary = "Change a team's display name (org-admin); the name is immutable")
  IdentityApi.Team rename(Caller caller, @PathVariable String org, @PathVariable String team,
      @RequestBody RenameTeam request) {
    return teams.rename(caller, org, team, request.displayName());
  }

  @DeleteMapping("/{team}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a team and its memberships (org-admin)")
  void delete(Caller caller, @PathVariable String org, @PathVariable String team) {
    teams.delete(caller, org, team);
  }

  @GetMapping("/{team}/members")
  @Operation(summary = "User ids of the team's members (for other services and members)")
  Page<UUID> members(Caller caller, @PathVariable String org, @PathVariable String team,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
    return teams.members(caller, org, team, page, size);
  }

  @GetMapping("/{team}/members/{userId}")
  @Operation(summary = "200 when the user is in the team, 404 otherwise")
  Map<String, Object> isMember(Caller caller, @PathVariable String org, @PathVariable String team,
      @PathVariable UUID userId) {
    teams.requireMember(caller, org, team, userId);
    return Map.of("organization", org, "team", team, "userId", userId, "member", true);
  }

  @PutMapping("/{team}/members/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Add a member of the Organization to the team (org-admin)")
  void add(Caller caller, @PathVariable String org, @PathVariable String team, @PathVariable UUID userId) {
    teams.addMember(caller, org, team, userId);
  }

  @DeleteMapping("/{team}/members/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove a user from the team (org-admin)")
  void remove(Caller caller, @PathVariable String org, @PathVariable String team, @PathVariable UUID userId) {
    teams.removeMember(caller, org, team, userId);
  }
}
