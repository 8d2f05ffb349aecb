package io.catalyst.provisioning.install;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.provisioning.sso.SsoClients;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Executes an install: claims it for an attempt (a lease), runs its {@link InstallSaga} step by step (each step's
 * status and the lease kept in {@link InstallStore}), and on a failure records the roll back and answers the problem.
 * An attempt that died is finished by the next one or by {@link #resumeInterrupted()}.
 */
@Service
class InstallExecution {

  private static final Logger log = LoggerFactory.getLogger(InstallExecution.class);

  private final InstallStore installs;
  private final InstallActions actions;
  private final InstallProperties properties;
  private final Clock clock;

  InstallExecution(InstallStore installs, InstallActions actions, InstallProperties properties, Clock clock) {
    this.installs = installs;
    this.actions = actions;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Finishes installs whose attempt died (status Applying, lease expired): at start and every
   * {@code resume-interval}.
   */
  int resumeInterrupted() {
    int finished = 0;
    for (UUID id : installs.interrupted(clock.instant())) {
      try {
        InstallService.InstallView view = execute(id, false);
        if ("Installed".equals(view.status())) {
          finished++;
        }
      } catch (RuntimeException e) {
        log.warn("Resuming install {} failed: {}", id, e.toString());
      }
    }
    return finished;
  }

  /** Runs the install; {@code answerFailure}: a roll back is thrown as the problem (else answered as the view). */
  InstallService.InstallView execute(UUID id, boolean answerFailure) {
    Instant now = clock.instant();
    boolean claimed = installs.claim(id, now, now.plus(properties.lease()));
    InstallStore.Row row = installs.find(id).orElseThrow();
    if (!claimed) {
      if ("Installed".equals(row.status())) {
        return view(row);
      }
      throw ProblemException.conflict("Install " + id + " is being applied right now; ask again in a moment.")
          .with("install", id.toString()).retryAfter(properties.lease());
    }
    InstallPlan plan = row.plan();
    if (!plan.price().withinLimits()) {
      actions.rolledBack(id, plan, row.createdBy(), "plan limits", String.join("; ", plan.price().limitProblems()),
          List.of());
      throw ProblemException.unprocessable("Your plan does not allow this install: "
          + String.join("; ", plan.price().limitProblems())).with("price", plan.price());
    }
    List<InstallStep> steps = installs.steps(id);
    if (steps.isEmpty() || steps.stream().anyMatch(s -> s.status() != InstallStep.Status.PENDING
        && s.status() != InstallStep.Status.DONE)) {
      steps = InstallSaga.steps(plan.environment(), plan.applications().stream()
          .map(InstallPlan.PlannedApplication::name).toList(), plan.applications().stream()
          .filter(a -> SsoClients.wants(a.values())).map(InstallPlan.PlannedApplication::name)
          .collect(Collectors.toSet()));
      installs.saveSteps(id, steps);
    }
    InstallSaga.Outcome outcome = InstallSaga.run(steps, actions.of(id, plan, row.createdBy()), step -> {
      installs.stepStatus(id, step);
      installs.extendLease(id, clock.instant(), clock.instant().plus(properties.lease()));
    });
    if (outcome.completed()) {
      return view(installs.find(id).orElseThrow());
    }
    String failure = outcome.failedAt().describe() + ": " + message(outcome.cause());
    actions.rolledBack(id, plan, row.createdBy(), outcome.failedAt().describe(), message(outcome.cause()),
        outcome.unresolved().stream().map(InstallStep::describe).toList());
    log.warn("Install {} rolled back at step {} ({}); unresolved compensations: {}", id,
        outcome.failedAt().position(), failure, outcome.unresolved(), outcome.cause());
    if (!answerFailure) {
      return view(installs.find(id).orElseThrow());
    }
    if (outcome.cause() instanceof ProblemException p && p.status().is4xxClientError()) {
      throw p.with("install", id.toString()).with("rolledBack", true);
    }
    throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, InstallService.ROLLED_BACK, "Install rolled back",
        "The install failed while trying to " + outcome.failedAt().describe() + " and was rolled back: nothing of it "
            + "is left (repositories it had created are archived). Try again; if it fails again, quote install "
            + id + ".")
        .with("install", id.toString()).with("unresolved", outcome.unresolved());
  }

  InstallService.InstallView view(InstallStore.Row row) {
    return new InstallService.InstallView(row.id().toString(), row.status(), row.failure(), row.plan(),
        installs.steps(row.id()), row.createdAt(), row.createdBy());
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
