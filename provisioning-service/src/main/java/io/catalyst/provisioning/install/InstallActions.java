package io.catalyst.provisioning.install;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.provisioning.application.ApplicationStore;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.InstallEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.environment.EnvironmentName;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of an install saga, one class each with its undo beside it ({@link ReserveStep}, {@link SsoStep},
 * {@link RepositoryStep}, {@link GitopsStep}, {@link FinishStep}); each idempotent. Also the install's roll back record
 * and an uninstalled Application's rows.
 */
@Component
class InstallActions {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Outbox outbox;
  private final Clock clock;
  private final ObjectProvider<InstallStepHook> hooks;
  private final ApplicationStore applications;
  private final InstallStore installs;
  private final ReserveStep reserve;
  private final SsoStep sso;
  private final RepositoryStep repository;
  private final GitopsStep gitops;
  private final FinishStep finish;

  InstallActions(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox, Clock clock, ObjectProvider<InstallStepHook> hooks, ApplicationStore applications, InstallStore installs, ReserveStep reserve, SsoStep sso, RepositoryStep repository, GitopsStep gitops, FinishStep finish) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.outbox = outbox;
    this.clock = clock;
    this.hooks = hooks;
    this.applications = applications;
    this.installs = installs;
    this.reserve = reserve;
    this.sso = sso;
    this.repository = repository;
    this.gitops = gitops;
    this.finish = finish;
  }

  /** The actions of one install. */
  InstallSaga.Actions of(UUID install, InstallPlan plan, String actor) {
    return new InstallSaga.Actions() {
      @Override
      public void run(InstallStep step) {
        hooks.orderedStream().forEach(h -> h.before(install, step));
        switch (step.kind()) {
          case RESERVE -> reserve.run(install, plan, actor);
          case SSO -> sso.run(install, plan, application(plan, step.target()));
          case REPOSITORY -> repository.run(install, plan, application(plan, step.target()), actor);
          case GITOPS -> gitops.run(plan, actor);
          case FINISH -> finish.run(install, plan, actor);
        }
      }

      @Override
      public void compensate(InstallStep step) {
        switch (step.kind()) {
          case RESERVE -> reserve.compensate(install);
          case SSO -> sso.compensate(plan, step.target());
          case REPOSITORY -> repository.compensate(install, plan, step.target());
          case GITOPS -> gitops.compensate(plan, actor);
          case FINISH -> { } // one transaction: nothing of it survives a failure
        }
      }
    };
  }

  /** Removes the Flux objects of {@code applications} from the Environment's bootstrap (no commit if none is there). */
  void removeSources(EnvironmentName env, List<String> applications, String actor, String why) {
    gitops.removeSources(env, applications, actor, why);
  }

  /**
   * Marks the install rolled back and publishes {@code install.rolled-back.v1}, together: {@code failedAt} is the step
   * (or check) that failed, {@code reason} the install's failure.
   */
  void rolledBack(UUID install, InstallPlan plan, String actor, String failedAt, String reason,
      List<String> unresolved) {
    tx.executeWithoutResult(status -> {
      installs.rolledBack(install, failedAt + ": " + reason, clock.instant());
      outbox.publish(CatalystEvent.of(ProvisioningEvents.INSTALL_ROLLED_BACK, "installs/" + install, plan.organization(),
              new InstallEvents.RolledBack(plan.organization(), plan.environment(), install.toString(),
                  plan.applications().stream().map(InstallPlan.PlannedApplication::name).toList(), failedAt, reason,
                  unresolved, actor))
          .inEnvironment(plan.environment()).by(actor));
    });
  }

  /** Deletes an uninstalled Application's rows and publishes {@code application.uninstalled.v1}, together. */
  void forget(String organization, String environment, String application, String actor) {
    tx.executeWithoutResult(status -> {
      int deleted = applications.delete(organization, application);
      jdbc.sql("delete from application_installation where environment = :env and application = :app")
          .param("env", environment).param("app", application).update();
      if (deleted > 0) {
        outbox.publish(CatalystEvent.of(ProvisioningEvents.APPLICATION_UNINSTALLED,
                "applications/" + organization + "/" + application, organization,
                new ApplicationEvents.Uninstalled(organization, environment, application, actor))
            .inEnvironment(environment).by(actor));
      }
    });
  }

  private static InstallPlan.PlannedApplication application(InstallPlan plan, String name) {
    return plan.applications().stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("No Application " + name + " in plan " + plan.id()));
  }
}
