package io.catalyst.identity.member;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a member's role binding (DOMAIN.md §1.4): one or more Organization roles; {@code org-developer} is
 * bound to a list of the Organization's Environments ({@code {org}-{env_type}}), and only it carries Environments.
 */
public final class RoleBindings {

  public static final List<String> ORG_ROLES = List.of(Role.ORG_ADMIN.value(), Role.ORG_DEVELOPER.value(),
      Role.ORG_VIEWER.value(), Role.SECURITY_OFFICER.value(), Role.BILLING_ADMIN.value());
  private static final Pattern ENV_TYPE = Pattern.compile("-(prod|stg|uat|dev|poc)$");

  private RoleBindings() {}

  /** A valid binding: roles and Environments without duplicates, in the order given. */
  public record Binding(List<String> roles, List<String> environments) {
    public Binding {
      roles = List.copyOf(roles);
      environments = List.copyOf(environments);
    }
  }

  /** What changed between two bindings: roles granted and revoked, and whether org-developer's Environments moved. */
  public record Change(List<String> granted, List<String> revoked, boolean environmentsChanged) {}

  /** Validates a binding for Organization {@code org}; 400 with field errors naming what to fix. */
  public static Binding validate(String org, List<String> roles, List<String> environments) {
    List<FieldProblem> problems = new ArrayList<>();
    LinkedHashSet<String> r = new LinkedHashSet<>();
    if (roles == null || roles.isEmpty()) {
      problems.add(FieldProblem.field("roles", "must name at least one role of " + String.join(", ", ORG_ROLES)));
    } else {
      for (String role : roles) {
        if (role == null || !ORG_ROLES.contains(role)) {
          problems.add(FieldProblem.field("roles", "'" + role + "' is not one of " + String.join(", ", ORG_ROLES)));
        } else {
          r.add(role);
        }
      }
    }
    LinkedHashSet<String> envs = new LinkedHashSet<>(environments == null ? List.of() : environments);
    boolean developer = r.contains(Role.ORG_DEVELOPER.value());
    if (developer && envs.isEmpty()) {
      problems.add(FieldProblem.field("environments",
          "org-developer must be bound to at least one Environment, e.g. " + org + "-dev"));
    }
    if (!developer && !envs.isEmpty()) {
      problems.add(FieldProblem.field("environments", "only org-developer is bound to Environments"));
    }
    for (String env : envs) {
      if (!isEnvironmentOf(org, env)) {
        problems.add(FieldProblem.field("environments", "'" + env + "' is not an Environment of " + org
            + " (must be " + org + "-prod, -stg, -uat, -dev or -poc)"));
      }
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The role binding is not valid: " + String.join("; ",
          problems.stream().map(p -> p.field() + " " + p.message()).toList()) + ".", problems);
    }
    return new Binding(List.copyOf(r), List.copyOf(envs));
  }

  /** {@code {org}-{env_type}}: parsed on the last hyphen, the head must be exactly the Organization. */
  public static boolean isEnvironmentOf(String org, String environment) {
    if (environment == null || !ENV_TYPE.matcher(environment).find()) {
      return false;
    }
    return environment.substring(0, environment.lastIndexOf('-')).equals(org);
  }

  public static Change diff(List<String> rolesBefore, List<String> envsBefore, Binding after) {
    List<String> granted = after.roles().stream().filter(r -> !rolesBefore.contains(r)).toList();
    List<String> revoked = rolesBefore.stream().filter(r -> !after.roles().contains(r)).toList();
    boolean envs = rolesBefore.contains(Role.ORG_DEVELOPER.value()) && after.roles().contains(Role.ORG_DEVELOPER.value())
        && !new LinkedHashSet<>(envsBefore).equals(new LinkedHashSet<>(after.environments()));
    return new Change(granted, revoked, envs);
  }

  /**
   * Whether a change leaves the Organization without an org-admin: the member was one, will not be one afterwards,
   * and no other member is.
   */
  public static boolean leavesNoAdmin(boolean wasAdmin, boolean staysAdmin, long otherAdmins) {
    return wasAdmin && !staysAdmin && otherAdmins == 0;
  }
}
