package io.catalyst.promotion.policy;

import io.catalyst.platform.core.Role;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may approve, as a policy names it: a team of the Organization ({@code team-platform}) or everyone holding a role
 * ({@code role:org-admin}). Sign-up creates no team, so an SME's policy names a role.
 */
public record ApproverRef(Kind kind, String name) {

  public enum Kind { TEAM, ROLE }

  private static final Pattern TEAM = Pattern.compile("^team-[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
  /** Roles an approver may hold: people's roles of an Organization (not {@code service}, not cross-Organization). */
  static final Set<String> APPROVER_ROLES = Set.of(Role.ORG_ADMIN.value(), Role.ORG_DEVELOPER.value(),
      Role.SECURITY_OFFICER.value(), Role.ORG_VIEWER.value(), Role.BILLING_ADMIN.value());

  public static ApproverRef team(String team) {
    return new ApproverRef(Kind.TEAM, team);
  }

  public static ApproverRef role(Role role) {
    return new ApproverRef(Kind.ROLE, role.value());
  }

  /** The reference, or what is wrong with it in words a policy author can act on. */
  public static Result parse(String text) {
    if (text == null || text.isBlank()) {
      return new Result(null, "must not be empty");
    }
    if (text.startsWith("role:")) {
      String role = text.substring("role:".length());
      if (!APPROVER_ROLES.contains(role)) {
        return new Result(null, "names no approver role: use role: with one of "
            + String.join(", ", APPROVER_ROLES.stream().sorted().toList()));
      }
      return new Result(new ApproverRef(Kind.ROLE, role), null);
    }
    if (TEAM.matcher(text).matches()) {
      return new Result(new ApproverRef(Kind.TEAM, text), null);
    }
    return new Result(null, "must name a team (team-…, lowercase letters, digits and '-') or a role (role:org-admin)");
  }

  /** A parse: the reference, or the problem. */
  public record Result(ApproverRef ref, String problem) {
    public Optional<ApproverRef> value() {
      return Optional.ofNullable(ref);
    }
  }

  /** Whether someone with these teams and roles is named by this reference. */
  public boolean names(Set<String> teams, Set<String> roles) {
    return kind == Kind.TEAM ? teams.contains(name) : roles.contains(name);
  }

  /** As written in a policy file. */
  @Override
  public String toString() {
    return kind == Kind.TEAM ? name : "role:" + name;
  }
}
