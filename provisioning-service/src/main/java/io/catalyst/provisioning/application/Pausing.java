package io.catalyst.provisioning.application;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.gitops.ApplicationSources;
import io.catalyst.provisioning.gitops.CatalystConfig;
import io.catalyst.provisioning.application.status.ApplicationStatusUpdater;
import io.catalyst.provisioning.application.status.CardState;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pauses and resumes an Application: Flux {@code Kustomization.spec.suspend} in the Environment's bootstrap, the
 * card kept in {@link PauseStore}, and the card moved by {@link CardState.PauseChanged}.
 */
@Service
class Pausing {

  private final ApplicationStore store;
  private final PauseStore pauses;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Applications applications;
  private final CatalystConfig catalystConfig;
  private final ApplicationStatusUpdater status;

  Pausing(ApplicationStore store, PauseStore pauses, Outbox outbox, TransactionTemplate tx, Clock clock, Applications applications, CatalystConfig catalystConfig, ApplicationStatusUpdater status) {
    this.store = store;
    this.pauses = pauses;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.applications = applications;
    this.catalystConfig = catalystConfig;
    this.status = status;
  }

  /**
   * Suspends the Application's Flux {@code Kustomization} in the Environment's bootstrap ({@code spec.suspend:
   * true}) and shows the card as {@code Paused}; the state it had is kept for {@link #resume}. Idempotent.
   */
  ApplicationOperations.Pause pause(Caller caller, String environment, String application) {
    return setPaused(caller, environment, application, true);
  }

  /** Lifts the suspension; the card returns to the state the runtime last reported before the pause. */
  ApplicationOperations.Pause resume(Caller caller, String environment, String application) {
    return setPaused(caller, environment, application, false);
  }

  private ApplicationOperations.Pause setPaused(Caller caller, String environment, String application, boolean pause) {
    EnvironmentName env = Applications.readable(caller, environment);
    ApplicationStore.Row row = applications.row(env, application);
    if (!caller.mayChange(env.organization(), env.toString())) {
      throw ProblemException.forbidden((pause ? "Pausing" : "Resuming") + " Applications in " + env + " needs "
          + "org-admin, or org-developer bound to " + env + "; ask an org-admin of your Organization.");
    }
    String path = ApplicationSources.path(env, application);
    String manifest = catalystConfig.read(path).orElseThrow(() -> ProblemException.conflict(application + " has "
        + "no Flux objects in the bootstrap of " + env + " (" + path + "); its install is not finished."));
    String next = ApplicationSources.suspended(manifest, pause);
    GitRepositories.Commit commit = catalystConfig.write(Map.of(path, next), caller.subject(),
        (pause ? "Pause " : "Resume ") + application + " in " + env);
    String org = env.organization();
    ApplicationOperations.Pause answer = tx.execute(s -> {
      Optional<PauseStore.Kept> kept = pauses.findForUpdate(org, application);
      boolean changed = pause ? kept.isEmpty() : kept.isPresent();
      if (!changed) {
        return null;
      }
      Instant now = clock.instant();
      PauseStore.Kept to;
      if (pause) {
        pauses.pause(org, application, env.toString(),
            new PauseStore.Kept(row.status(), row.readyPods(), row.desiredPods(), row.statusReason()), now, caller.subject());
        to = new PauseStore.Kept("Paused", row.readyPods(), row.desiredPods(), null);
      } else {
        pauses.resume(org, application);
        to = kept.get();
      }
      status.apply(org, env.toString(), application, pause ? CardState.PauseChanged.paused(now)
          : CardState.PauseChanged.resumed(new CardState.Previous(to.status(), to.readyPods(), to.desiredPods(),
              to.reason()), now));
      outbox.publish(CatalystEvent.of(pause ? ProvisioningEvents.APPLICATION_PAUSED : ProvisioningEvents.APPLICATION_RESUMED,
              "applications/" + org + "/" + application, org,
              new ApplicationEvents.PauseChanged(org, env.toString(), application, pause, commit.sha(), to.status(),
                  caller.subject()))
          .inEnvironment(env.toString()).by(caller.subject()));
      return new ApplicationOperations.Pause(application, env.toString(), pause, true, to.status(), commit.sha());
    });
    if (answer != null) {
      return answer;
    }
    String current = store.status(org, application).orElse(row.status());
    return new ApplicationOperations.Pause(application, env.toString(), pause, commit.changed(), current, commit.sha());
  }
}
