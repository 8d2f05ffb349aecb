package io.catalyst.platform.git;

import io.catalyst.platform.core.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code CODEOWNERS} file (GitHub's format) and the push rule built on it: a path owned by a rule may be changed
 * only by a member of one of its owning teams ({@code @org/team-x}, matched against the caller's {@code teams}
 * claim), a holder of a role it names ({@code @org/role:org-admin}, the role reference of policy approvers, matched
 * against the caller's {@code roles}; an Application nobody chose a team for is owned by its Organization's
 * org-admins) or a user it names ({@code @user}, matched against the subject). The last matching rule wins; a rule
 * without owners makes the path unowned. Patterns: {@code *} (everything), {@code /dir/} or {@code dir/} (a folder),
 * {@code *.yaml} (a name at any depth), {@code /overlays/prod/**}, {@code ?}.
 *
 * <p>Who is not held to it: services (provisioning's own commits, promotion-service merging), sovereign-admins, and
 * {@code org-admin}s — an org-admin may re-assign ownership at any time (transfer ownership), so refusing it would
 * protect nothing and could lock an Organization out of its own repository.
 */
public final class Codeowners {

  /** One rule: the pattern as written, its owners ({@code @org/team}, {@code @user}), and the compiled matcher. */
  public record Rule(String pattern, List<String> owners, Pattern regex) {

    boolean matches(String path) {
      return regex.matcher(path).matches();
    }

    /** The teams of this rule (the part after the slash of {@code @org/team}). */
    public List<String> teams() {
      return references().stream().filter(r -> !r.startsWith(ROLE)).toList();
    }

    /** The roles of this rule ({@code @org/role:org-admin} → {@code org-admin}). */
    public List<String> roles() {
      return references().stream().filter(r -> r.startsWith(ROLE)).map(r -> r.substring(ROLE.length())).toList();
    }

    /** What follows {@code @org/} in each owner: a team name or a role reference ({@code role:org-admin}). */
    public List<String> references() {
      return owners.stream().filter(o -> o.startsWith("@") && o.contains("/"))
          .map(o -> o.substring(o.indexOf('/') + 1)).toList();
    }

    /** The users of this rule ({@code @user}). */
    public List<String> users() {
      return owners.stream().filter(o -> o.startsWith("@") && !o.contains("/")).map(o -> o.substring(1)).toList();
    }
  }

  /** The prefix of a role reference after {@code @org/}: {@code @muscat/role:org-admin}. */
  public static final String ROLE = "role:";

  /** The role reference that owns what nobody chose a team for: the Organization's org-admins. */
  public static final String ORG_ADMINS = ROLE + Role.ORG_ADMIN.value();

  /**
   * Who changes the paths: the subject, their roles and their teams (a service maps its caller: the token's
   * {@code sub}, {@code roles} and {@code teams}).
   */
  public record Changer(String subject, Set<String> roles, Set<String> teams) {

    public Changer {
      roles = Set.copyOf(roles);
      teams = Set.copyOf(teams);
    }

    boolean hasAny(Role... any) {
      return java.util.Arrays.stream(any).anyMatch(r -> roles.contains(r.value()));
    }
  }

  /** A changed path the caller may not change, and the rule that owns it. */
  public record Violation(String path, Rule rule) {}

  private final List<Rule> rules;

  private Codeowners(List<Rule> rules) {
    this.rules = rules;
  }

  public static Codeowners parse(String text) {
    List<Rule> rules = new ArrayList<>();
    if (text != null) {
      for (String raw : text.split("\n")) {
        String line = raw.strip();
        int hash = line.indexOf(" #");
        if (hash >= 0) {
          line = line.substring(0, hash).strip();
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\s+");
        List<String> owners = new ArrayList<>(List.of(parts).subList(1, parts.length));
        rules.add(new Rule(parts[0], List.copyOf(owners), compile(parts[0])));
      }
    }
    return new Codeowners(List.copyOf(rules));
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The rule that owns {@code path}: the last one that matches, if it names owners. */
  public Optional<Rule> ownerOf(String path) {
    Rule last = null;
    for (Rule rule : rules) {
      if (rule.matches(path)) {
        last = rule;
      }
    }
    return last == null || last.owners().isEmpty() ? Optional.empty() : Optional.of(last);
  }

  /**
   * The first owner of the catch-all rule after {@code @org/}: a team ({@code team-shop}) or a role reference
   * ({@code role:org-admin}), if any.
   */
  public Optional<String> catchAllOwner() {
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (rules.get(i).pattern().equals("*") && !rules.get(i).references().isEmpty()) {
        return Optional.of(rules.get(i).references().getFirst());
      }
    }
    return Optional.empty();
  }

  /** The owning team of the catch-all rule ({@code * @org/team}), if any. */
  public Optional<String> catchAllTeam() {
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (rules.get(i).pattern().equals("*") && !rules.get(i).teams().isEmpty()) {
        return Optional.of(rules.get(i).teams().getFirst());
      }
    }
    return Optional.empty();
  }

  /** Whether CODEOWNERS applies to the caller at all (see the class comment for who is exempt). */
  public static boolean enforcedFor(Changer caller) {
    return !caller.hasAny(Role.SERVICE, Role.SOVEREIGN_ADMIN, Role.ORG_ADMIN);
  }

  /** The changed paths the caller may not change, grouped by the owning rule in the order they were found. */
  public List<Violation> check(Changer caller, Collection<String> changedPaths) {
    if (!enforcedFor(caller)) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>();
    for (String path : changedPaths) {
      ownerOf(path).ifPresent(rule -> {
        boolean allowed = rule.teams().stream().anyMatch(caller.teams()::contains)
            || rule.roles().stream().anyMatch(r -> caller.roles().contains(r))
            || rule.users().contains(caller.subject());
        if (!allowed) {
          violations.add(new Violation(path, rule));
        }
      });
    }
    return violations;
  }

  /** The message of a refused push: the paths, their owners, and what to do. */
  public static String message(String branch, Changer caller, List<Violation> violations) {
    Map<String, Set<String>> byOwners = new LinkedHashMap<>();
    for (Violation v : violations) {
      byOwners.computeIfAbsent(String.join(" ", v.rule().owners()), k -> new LinkedHashSet<>()).add(v.path());
    }
    StringBuilder out = new StringBuilder("CODEOWNERS of '" + branch + "' protects paths this push changes, and "
        + caller.subject() + " is in none of their owning teams (your teams: "
        + (caller.teams().isEmpty() ? "none" : String.join(", ", caller.teams().stream().sorted().toList())) + "):");
    byOwners.forEach((owners, paths) -> {
      List<String> shown = paths.stream().limit(10).toList();
      out.append("\n  ").append(String.join(", ", shown)).append(paths.size() > shown.size()
          ? " and " + (paths.size() - shown.size()) + " more" : "").append(" — owned by ").append(owners);
    });
    out.append("\nAsk a member of an owning team to push the change, or an org-admin to add you to the team "
        + "(your next token carries it) or to transfer the ownership.");
    return out.toString();
  }

  /** The owning teams named in the violations, for the short reason of git's status line. */
  public static String owningTeams(List<Violation> violations) {
    Set<String> owners = new LinkedHashSet<>();
    violations.forEach(v -> owners.addAll(v.rule().owners()));
    return String.join(" ", owners);
  }

  /** A CODEOWNERS pattern as a regular expression over a repository path (no leading slash). */
  static Pattern compile(String pattern) {
    String p = pattern;
    boolean anchored = p.startsWith("/") || (p.indexOf('/') >= 0 && p.indexOf('/') < p.length() - 1);
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    boolean folder = p.endsWith("/");
    if (folder) {
      p = p.substring(0, p.length() - 1);
    }
    StringBuilder regex = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
        if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
          i++;
          regex.append("/?");
        }
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    // A pattern naming a folder owns everything under it; a bare name may be a file or a folder.
    regex.append(folder ? "/.*$" : "(?:/.*)?$");
    return Pattern.compile(regex.toString());
  }
}
