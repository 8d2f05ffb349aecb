package io.catalyst.provisioning.install;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.InstallEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** FINISH: the installations, {@code application.installed.v1} per Application and {@code install.applied.v1}, with the install's status. */
@Component
class FinishStep {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Outbox outbox;
  private final Clock clock;
  private final InstallStore installs;

  FinishStep(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox, Clock clock, InstallStore installs) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.outbox = outbox;
    this.clock = clock;
    this.installs = installs;
  }

  /** Marks the install installed and publishes its events, in one transaction (nothing of it survives a failure). */
  void run(UUID install, InstallPlan plan, String actor) {
    tx.executeWithoutResult(status -> {
      String current = installs.statusForUpdate(install);
      if ("Installed".equals(current)) {
        return; // an earlier attempt committed this step; its events are out already
      }
      Timestamp now = Timestamp.from(clock.instant());
      for (InstallPlan.PlannedApplication app : plan.applications()) {
        jdbc.sql("""
            insert into application_installation (environment, application, organization, installed_at)
            values (:env, :app, :org, :now) on conflict do nothing""")
            .param("env", plan.environment()).param("app", app.name()).param("org", plan.organization())
            .param("now", now).update();
        outbox.publish(CatalystEvent.of(ProvisioningEvents.APPLICATION_INSTALLED,
                "applications/" + plan.organization() + "/" + app.name(), plan.organization(),
                new ApplicationEvents.Installed(plan.organization(), plan.environment(), app.name(), app.blueprint(),
                    app.version(), app.version(), app.dependsOn(), app.repository(), "Installing",
                    app.backingService(), install.toString(), plan.composite() ? plan.blueprint() : null))
            .inEnvironment(plan.environment()).by(actor));
      }
      outbox.publish(CatalystEvent.of(ProvisioningEvents.INSTALL_APPLIED, "installs/" + install, plan.organization(),
              new InstallEvents.Applied(plan.organization(), plan.environment(), install.toString(),
                  plan.applications().stream().map(InstallPlan.PlannedApplication::name).toList(), actor))
          .inEnvironment(plan.environment()).by(actor));
      installs.installed(install, now.toInstant());
    });
  }
}
