package io.catalyst.identity.user;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's own profile, read from the database (not from the token). */
@RestController
@Tag(name = "Sign-up and login")
class ProfileController {

  private final Users users;

  ProfileController(Users users) {
    this.users = users;
  }

  @GetMapping("/api/v1/identity/me")
  @Operation(summary = "Your profile: contact, whether your email is verified, Organization, roles and teams")
  Map<String, Object> me(Caller caller) {
    UUID id;
    try {
      id = UUID.fromString(caller.subject() == null ? "" : caller.subject());
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("A profile of " + caller.subject());
    }
    UserAccount user = users.byId(id).orElseThrow(() -> ProblemException.notFound("Your profile"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", user.id());
    out.put("displayName", user.displayName());
    out.put("email", user.email());
    out.put("emailVerified", user.emailVerified());
    out.put("phone", user.phone());
    out.put("sovereignAdmin", user.sovereignAdmin());
    Membership m = users.membership(id).orElse(null);
    out.put("organization", m == null ? null : m.organization());
    out.put("roles", m == null ? List.of() : m.roles());
    out.put("environments", m == null ? List.of() : m.environments());
    out.put("teams", users.teams(id));
    out.put("createdAt", user.createdAt());
    return out;
  }
}
