package io.catalyst.promotion.promotion;

import io.catalyst.platform.core.Names;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.promotion.branchhead.BranchHeads;
import io.catalyst.promotion.contract.PromotionEvents;
import io.catalyst.promotion.environment.Environments;
import io.catalyst.promotion.gate.Approval;
import io.catalyst.promotion.gate.GateEvaluation;
import io.catalyst.promotion.gate.PromotionFacts;
import io.catalyst.promotion.gate.PromotionGates;
import io.catalyst.promotion.policy.ApproverRef;
import io.catalyst.promotion.policy.EnvironmentName;
import io.catalyst.promotion.policy.EnvironmentPolicy;
import io.catalyst.promotion.policy.PolicyDefaults;
import io.catalyst.promotion.policy.PolicyIndex;
import io.catalyst.promotion.policy.PolicyRule;
import io.catalyst.provisioning.contract.BranchMoved;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens promotions (source Environment → the next one in the Organization's promotion order, bound to the source
 * branch's head), records approvals and rejections bound to that head, takes approvals away when the source branch
 * moves, and evaluates the target policy's gates now or at a forecast instant. Merging is not here yet (it needs
 * {@code platform/git}).
 */
@Service
public class PromotionService {

  private final Promotions promotions;
  private final Approvals approvals;
  private final BranchHeads heads;
  private final Environments environments;
  private final PolicyIndex policies;
  private final PromotionGates gates;
  private final Outbox outbox;
  private final Clock clock;

  PromotionService(Promotions promotions, Approvals approvals, BranchHeads heads, Environments environments,
      PolicyIndex policies, PromotionGates gates, Outbox outbox, Clock clock) {
    this.promotions = promotions;
    this.approvals = approvals;
    this.heads = heads;
    this.environments = environments;
    this.policies = policies;
    this.gates = gates;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public PromotionView open(Caller caller, String application, String sourceEnvironment) {
    List<FieldProblem> errors = new java.util.ArrayList<>();
    if (!Names.isApplication(application)) {
      errors.add(FieldProblem.field("application", "must be an Application's name"));
    }
    Optional<EnvironmentName> source = EnvironmentName.parse(sourceEnvironment);
    if (source.isEmpty()) {
      errors.add(FieldProblem.field("sourceEnvironment", "must be an Environment as {org}-{env_type}"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("The promotion request has invalid fields; see errors.", errors);
    }
    EnvironmentName from = source.get();
    String org = from.organization();
    caller.requireVisible(org, "Environment " + from.name());
    caller.requireRole(Role.ORG_ADMIN, Role.ORG_DEVELOPER);
    var types = environments.typesOf(org);
    if (!types.contains(from.type())) {
      throw ProblemException.notFound("Environment " + from.name());
    }
    EnvironmentName to = PolicyDefaults.nextAbove(from.type(), types).map(t -> new EnvironmentName(org, t))
        .orElseThrow(() -> ProblemException.conflict(from.name() + (from.type().promotes()
            ? " is the last Environment of " + org + "'s promotion order: there is nothing to promote it to"
            : " is a sandbox outside the promotion order")));
    BranchHeads.Head head = heads.find(org, application, from.type().branch()).filter(h -> h.sha() != null)
        .orElseThrow(() -> ProblemException.notFound("Application " + application + " on " + from.name()));
    promotions.openFrom(org, application, from.name()).ifPresent(p -> {
      throw ProblemException.conflict("A promotion of " + application + " from " + from.name() + " is open already: "
          + p.id()).with("promotion", p.id());
    });
    Instant now = clock.instant();
    Promotion p = new Promotion(UUID.randomUUID(), org, application, from.name(), to.name(), head.sha(),
        Promotion.State.OPEN, caller.subject(), null, null, now, now);
    promotions.insert(p);
    GateEvaluation evaluation = evaluate(p, now);
    publish(PromotionEvents.REQUESTED, p, caller.subject(), null, null, evaluation);
    return view(p, evaluation);
  }

  @Transactional(readOnly = true)
  public PromotionView get(Caller caller, UUID id) {
    Promotion p = visible(caller, id);
    return view(p, evaluate(p, clock.instant()));
  }

  @Transactional(readOnly = true)
  public PromotionView forecast(Caller caller, UUID id, Instant at) {
    Promotion p = visible(caller, id);
    return view(p, evaluate(p, at));
  }

  /** {@code approve} or {@code reject} by the caller, for the promotion's current source head. */
  @Transactional
  public PromotionView decide(Caller caller, UUID id, String verdict, String comment) {
    if (!"approve".equals(verdict) && !"reject".equals(verdict)) {
      throw ProblemException.invalid("The verdict is invalid; see errors.",
          List.of(FieldProblem.field("verdict", "must be one of approve, reject")));
    }
    visible(caller, id);
    Promotion p = promotions.lock(id).orElseThrow();
    if (p.state() != Promotion.State.OPEN) {
      throw ProblemException.conflict("The promotion is " + p.state().value + "; only an open promotion is decided");
    }
    EnvironmentPolicy policy = policyOf(p);
    Optional<PolicyRule.PrRequired> rule = policy.rules(PolicyRule.PrRequired.class).stream().findFirst();
    if (rule.isPresent()) {
      if (!caller.isSovereignAdmin() && rule.get().approvers().stream()
          .noneMatch(a -> a.names(caller.teams(), caller.roles()))) {
        throw ProblemException.forbidden("Promotions into " + p.targetEnvironment() + " are decided by "
            + String.join(", ", rule.get().approvers().stream().map(ApproverRef::toString).toList())
            + " (" + policy.name() + ")");
      }
      if ("approve".equals(verdict) && caller.subject().equals(p.requestedBy())
          && rule.get().selfApproval() == PolicyRule.SelfApproval.NEVER) {
        throw ProblemException.forbidden("You opened this promotion; another approver must approve it ("
            + policy.name() + " allows no self-approval)");
      }
    } else {
      caller.requireRole(Role.ORG_ADMIN, Role.SECURITY_OFFICER);
    }
    Instant now = clock.instant();
    approvals.insert(new Approvals.Row(UUID.randomUUID(), p.id(), caller.subject(), caller.teams(), caller.roles(),
        p.sourceSha(), verdict, comment, now, null));
    if ("reject".equals(verdict)) {
      promotions.decide(p.id(), Promotion.State.CLOSED, caller.subject(), comment, now);
      p = promotions.find(id).orElseThrow();
      GateEvaluation e = evaluate(p, now);
      publish(PromotionEvents.REJECTED, p, caller.subject(), caller.subject(), comment, e);
      return view(p, e);
    }
    GateEvaluation e = evaluate(p, now);
    publish(PromotionEvents.APPROVED, p, caller.subject(), caller.subject(), comment, e);
    return view(p, e);
  }

  /**
   * The source branch of open promotions moved: they now promote the new head, and approvals given to the old one
   * stop counting ({@code promotion.approval-invalidated.v1} when there were any).
   */
  @Transactional
  public void sourceMoved(BranchMoved move) {
    if (move.newSha() == null) {
      return;
    }
    Optional<EnvironmentName.EnvType> type = EnvironmentName.EnvType.ofBranch(move.branch());
    if (type.isEmpty() || !Names.ORGANIZATION.matcher(move.owner()).matches()) {
      return;
    }
    String source = new EnvironmentName(move.owner(), type.get()).name();
    Instant now = clock.instant();
    for (Promotion p : promotions.lockOpenFrom(move.owner(), move.repository(), source)) {
      if (p.sourceSha().equals(move.newSha())) {
        continue;
      }
      promotions.sourceMoved(p.id(), move.newSha(), now);
      int invalidated = approvals.invalidate(p.id(), move.newSha(), now);
      if (invalidated > 0) {
        Promotion moved = promotions.find(p.id()).orElseThrow();
        publish(PromotionEvents.APPROVAL_INVALIDATED, moved, move.actor(), null, invalidated
            + (invalidated == 1 ? " approval was" : " approvals were") + " given to " + p.sourceSha()
            + "; " + source + " moved to " + move.newSha() + " (" + move.via() + " by " + move.actor() + ")",
            evaluate(moved, now));
      }
    }
  }

  private Promotion visible(Caller caller, UUID id) {
    Promotion p = promotions.find(id).orElseThrow(() -> ProblemException.notFound("Promotion " + id));
    if (!caller.canSee(p.organization())) {
      throw ProblemException.notFound("Promotion " + id);
    }
    return p;
  }

  private EnvironmentPolicy policyOf(Promotion p) {
    EnvironmentName target = EnvironmentName.parse(p.targetEnvironment()).orElseThrow();
    return policies.find(target).map(PolicyIndex.Indexed::policy)
        .orElseGet(() -> PolicyDefaults.open(target, java.time.ZoneOffset.UTC));
  }

  private GateEvaluation evaluate(Promotion p, Instant at) {
    EnvironmentPolicy policy = policyOf(p);
    Map<String, Instant> since = new HashMap<>();
    java.util.Set<String> soakIn = new java.util.HashSet<>();
    soakIn.add(p.sourceEnvironment());
    policy.rules(PolicyRule.Soak.class).forEach(s -> {
      if (s.sourceEnvironment() != null) {
        soakIn.add(s.sourceEnvironment());
      }
    });
    for (String env : soakIn) {
      EnvironmentName.parse(env).flatMap(e -> heads.find(p.organization(), p.application(), e.type().branch()))
          .filter(h -> p.sourceSha().equals(h.sha())).ifPresent(h -> since.put(env, h.movedAt()));
    }
    List<Approval> given = approvals.of(p.id()).stream().filter(a -> a.verdict().equals("approve"))
        .map(a -> new Approval(a.subject(), a.teams(), a.roles(), a.sha(), a.createdAt())).toList();
    // The Organization's number of org-admins is not known here yet (identity-service has no contract for it): 0
    // keeps the single-admin self-approval from counting until it is.
    PromotionFacts facts = new PromotionFacts(p.requestedBy(), p.sourceEnvironment(), p.sourceSha(), since, given, 0,
        null);
    return gates.forecast(policy, facts, at);
  }

  private PromotionView view(Promotion p, GateEvaluation e) {
    List<PromotionView.ApprovalView> list = approvals.of(p.id()).stream().map(a -> new PromotionView.ApprovalView(
        a.subject(), a.verdict(), a.sha(), a.comment(), a.createdAt(),
        a.sha().equals(p.sourceSha()) && a.invalidatedAt() == null, a.invalidatedAt())).toList();
    String policy = policies.find(EnvironmentName.parse(p.targetEnvironment()).orElseThrow())
        .map(i -> i.policy().name()).orElse(null);
    return new PromotionView(p.id(), p.organization(), p.application(), p.sourceEnvironment(), p.targetEnvironment(),
        p.sourceSha(), p.state().value, p.requestedBy(), p.decidedBy(), p.reason(), p.createdAt(), p.updatedAt(),
        policy, list, PromotionView.Evaluation.of(e));
  }

  private void publish(String type, Promotion p, String actor, String decidedBy, String reason, GateEvaluation e) {
    outbox.publish(new CatalystEvent(type, "promotions/" + p.id(), p.organization(), p.targetEnvironment(), actor,
        new PromotionEvents.Promotion(p.organization(), p.id().toString(), p.application(), p.sourceEnvironment(),
            p.targetEnvironment(), p.requestedBy(), decidedBy, reason, p.sourceSha(), e.gates().stream()
            .map(g -> new PromotionEvents.Gate(g.gate(), g.severity().value(), g.status().name(), g.explanation()))
            .toList())));
  }
}
