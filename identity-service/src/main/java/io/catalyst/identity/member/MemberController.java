package io.catalyst.identity.member;

import io.catalyst.identity.token.TokenResponse;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.Users;
import io.catalyst.identity.web.ClientAddress;
import io.catalyst.identity.web.Page;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Members and invitations")
class MemberController {

  private static final String ORG = "/api/v1/identity/organizations/{org}";
  private final MemberService members;
  private final InvitationSignup signup;

  MemberController(MemberService members, InvitationSignup signup) {
    this.members = members;
    this.signup = signup;
  }

  record RoleBindingRequest(List<String> roles, List<String> environments) {}

  @GetMapping(ORG + "/members")
  @Operation(summary = "Members of the Organization (its members, sovereign-admins and services)")
  Page<Users.MemberView> list(Caller caller, @PathVariable String org, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return members.members(caller, org, page, size);
  }

  @PostMapping(ORG + "/invitations")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Invite a person by email or phone (org-admin); the token is in this answer only")
  MemberService.Invited invite(Caller caller, @PathVariable String org,
      @RequestBody MemberService.InviteRequest request) {
    return members.invite(caller, org, request);
  }

  @GetMapping(ORG + "/invitations")
  @Operation(summary = "Invitations of the Organization and their status (org-admin)")
  Page<MemberService.InvitationView> invitations(Caller caller, @PathVariable String org,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    return members.invitations(caller, org, page, size);
  }

  @DeleteMapping(ORG + "/invitations/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Withdraw a pending invitation (org-admin)")
  void revoke(Caller caller, @PathVariable String org, @PathVariable UUID id) {
    members.revoke(caller, org, id);
  }

  @PutMapping(ORG + "/members/{userId}/roles")
  @Operation(summary = "Set a member's roles and, for org-developer, its Environments (org-admin)")
  Membership roles(Caller caller, @PathVariable String org, @PathVariable UUID userId,
      @RequestBody RoleBindingRequest request) {
    return members.setRoles(caller, org, userId, request.roles(), request.environments());
  }

  @DeleteMapping(ORG + "/members/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove a member (org-admin); never the last org-admin")
  void remove(Caller caller, @PathVariable String org, @PathVariable UUID userId) {
    members.remove(caller, org, userId);
  }

  @PostMapping("/api/v1/identity/invitations/{token}/accept")
  @Operation(summary = "Accept an invitation sent to your email or phone; refresh your token to act in the"
      + " Organization")
  MemberService.Joined accept(Caller caller, @PathVariable String token) {
    return members.accept(caller, token);
  }

  @PostMapping("/api/v1/identity/signup/invitation")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Sign up through an invitation (invited email + the code mailed to it + password, or invited"
      + " phone + code)")
  TokenResponse signUp(@RequestBody InvitationSignup.Request request, HttpServletRequest http) {
    try {
      return signup.signUp(request, ClientAddress.of(http));
    } catch (DuplicateKeyException e) {
      throw ProblemException.conflict("That email or phone number was just taken; sign in instead.");
    }
  }
}
