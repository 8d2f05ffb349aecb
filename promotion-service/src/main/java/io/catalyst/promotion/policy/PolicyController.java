package io.catalyst.promotion.policy;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.promotion.contract.PromotionApi;
import io.catalyst.promotion.contract.PromotionApi.PolicyCheckRequest;
import io.catalyst.promotion.contract.PromotionApi.PolicyCheckResponse;
import io.catalyst.promotion.contract.PromotionEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Policies", description = "EnvironmentPolicy files of system/catalyst-config: the one in force, and checks")
class PolicyController {

  /** The policy in force for an Environment: the file as the index reads it, and where it came from. */
  record PolicyInForce(String environment, String policy, String path, String commit, String timezone, String yaml) {}

  private final PolicyIndex index;
  private final PolicyParser parser;

  PolicyController(PolicyIndex index, PolicyParser parser) {
    this.index = index;
    this.parser = parser;
  }

  @GetMapping("/api/v1/promotion/policies/{environment}")
  @Operation(summary = "The EnvironmentPolicy in force for an Environment",
      description = "As read from system/catalyst-config (the last valid version of its file), written back as YAML"
          + " with the commit and path it came from. Members of the Organization, sovereign-admins and services;"
          + " another Organization's Environment, or one without a policy in force, is 404.")
  PolicyInForce get(@PathVariable String environment, Caller caller) {
    Optional<EnvironmentName> env = EnvironmentName.parse(environment);
    if (env.isEmpty() || !caller.canSee(env.get().organization())) {
      throw ProblemException.notFound("Policy of " + environment);
    }
    PolicyIndex.Indexed in = index.find(env.get())
        .orElseThrow(() -> ProblemException.notFound("Policy of " + environment));
    return new PolicyInForce(env.get().name(), in.policy().name(), in.path(), in.commit(),
        in.policy().timezone().getId(), PolicyWriter.toYaml(in.policy()));
  }

  @PostMapping(PromotionApi.POLICY_CHECKS)
  @Operation(summary = "Would this file be accepted as a policy?",
      description = "Services (provisioning's pre-receive for pushes to system/catalyst-config), sovereign-admins,"
          + " security officers and org-admins. The path must be policies/{org}-{env_type}-policy.yaml and the"
          + " content that Environment's policy; answers valid, or every error with the field's path and what to"
          + " write instead (200 either way: the check itself succeeded).")
  PolicyCheckResponse check(@RequestBody PolicyCheckRequest request, Caller caller) {
    caller.requireRole(Role.SECURITY_OFFICER, Role.ORG_ADMIN);
    Optional<EnvironmentName> env = PolicyIndex.environmentOf(request.path());
    if (env.isEmpty()) {
      return new PolicyCheckResponse(false, null, List.of(new PromotionEvents.PolicyFieldError("",
          "a policy lives at policies/{org}-{env_type}-policy.yaml, env_type one of prod, stg, uat, dev, poc")));
    }
    caller.requireVisible(env.get().organization(), "Environment " + env.get().name());
    PolicyParser.Result r = parser.parse(request.content() == null ? "" : request.content(), env.get());
    return new PolicyCheckResponse(r.ok(), env.get().name(), r.errors().stream()
        .map(e -> new PromotionEvents.PolicyFieldError(e.path(), e.message())).toList());
  }
}
