package io.catalyst.promotion.decision;

import io.catalyst.platform.core.Names;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.promotion.contract.PromotionApi.DecisionRequest;
import io.catalyst.promotion.policy.EnvironmentName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a decision request field by field (the contract records carry no annotations) and parses its Environment. */
final class DecisionRequests {

  private static final Pattern SHA = Pattern.compile("^[0-9a-f]{40}$");
  private static final Pattern REPOSITORY = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,99}$");
  private static final Pattern BRANCH = Pattern.compile("^[A-Za-z0-9._/-]{1,200}$");
  private static final Pattern VIA = Pattern.compile("^[a-z]{1,20}$");

  private DecisionRequests() {}

  /** The request's Environment (null for a branch of none), or 422 with every field that is wrong. */
  static EnvironmentName check(DecisionRequest r) {
    List<FieldProblem> errors = new ArrayList<>();
    if (r.organization() == null || !Names.ORGANIZATION.matcher(r.organization()).matches()) {
      errors.add(FieldProblem.field("organization", "must be an Organization's name"));
    }
    if (r.repository() == null || !REPOSITORY.matcher(r.repository()).matches()) {
      errors.add(FieldProblem.field("repository", "must be a repository name"));
    }
    if (r.branch() == null || !BRANCH.matcher(r.branch()).matches()) {
      errors.add(FieldProblem.field("branch", "must be a branch name"));
    }
    EnvironmentName environment = null;
    if (r.environment() != null) {
      Optional<EnvironmentName> parsed = EnvironmentName.parse(r.environment());
      if (parsed.isEmpty()) {
        errors.add(FieldProblem.field("environment", "must be {org}-{env_type}, env_type one of prod, stg, uat, dev,"
            + " poc, or null for a branch of no Environment"));
      } else if (r.organization() != null && !parsed.get().organization().equals(r.organization())) {
        errors.add(FieldProblem.field("environment", "must be an Environment of " + r.organization()));
      } else if (r.branch() != null && !parsed.get().type().branch().equals(r.branch())) {
        errors.add(FieldProblem.field("branch", "must be " + parsed.get().type().branch() + ", the branch of "
            + parsed.get().name()));
      } else {
        environment = parsed.get();
      }
    }
    if (r.user() == null) {
      errors.add(FieldProblem.field("user", "is required: {subject, roles, teams}"));
    } else if (r.user().subject() == null || r.user().subject().isBlank()) {
      errors.add(FieldProblem.field("user.subject", "must not be blank"));
    }
    sha(r.oldSha(), "oldSha", errors);
    sha(r.newSha(), "newSha", errors);
    if (r.via() == null || !VIA.matcher(r.via()).matches()) {
      errors.add(FieldProblem.field("via", "must be how the branch moves: push, api, merge, revert, …"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("The decision request has invalid fields; see errors.", errors);
    }
    return environment;
  }

  private static void sha(String sha, String field, List<FieldProblem> errors) {
    if (sha != null && !SHA.matcher(sha).matches()) {
      errors.add(FieldProblem.field(field, "must be a 40-character hexadecimal commit id, or null"));
    }
  }
}
