package io.catalyst.provisioning.install;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.provisioning.application.ApplicationStore;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.hostname.Hostnames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** RESERVE: the Applications' names and hostnames, as rows of the {@code application} table; undone by deleting them. */
@Component
class ReserveStep {

  private final TransactionTemplate tx;
  private final GitRepositories git;
  private final Clock clock;
  private final Hostnames hostnames;
  private final ApplicationStore applications;

  ReserveStep(TransactionTemplate tx, GitRepositories git, Clock clock, Hostnames hostnames, ApplicationStore applications) {
    this.tx = tx;
    this.git = git;
    this.clock = clock;
    this.hostnames = hostnames;
    this.applications = applications;
  }

  /** Inserts the plan's Applications as {@code Installing}; a name or hostname taken meanwhile is a 409. */
  void run(UUID install, InstallPlan plan, String actor) {
    tx.executeWithoutResult(status -> {
      java.time.Instant now = clock.instant();
      List<String> held = hostnames.chosen(plan.applications().stream()
          .map(InstallPlan.PlannedApplication::hostname).toList()).stream()
          .filter(h -> hostnames.heldByAnother(h, plan.organization()).isPresent()).toList();
      if (!held.isEmpty()) { // this plan's hold expired and another Organization's plan holds it now
        throw ProblemException.conflict(String.join(", ", held) + (held.size() > 1 ? " are" : " is") + " held for "
            + "another install since this one was planned; choose another subdomain (GET "
            + "/api/v1/provisioning/hostnames/availability).").with("hostnames", held);
      }
      List<String> taken = new ArrayList<>();
      for (InstallPlan.PlannedApplication app : plan.applications()) {
        ApplicationStore.Reserved reserved;
        try {
          reserved = applications.reserve(new ApplicationStore.Reservation(plan.organization(), app.name(),
              plan.environment(), app.blueprint(), app.version(), app.digest(), app.category(), app.backingService(),
              app.dependsOn(), app.hostname(), install, now, actor));
        } catch (DuplicateKeyException e) { // the unique hostname: another install took it since the plan
          status.setRollbackOnly();
          throw ProblemException.conflict(app.hostname() + " was taken by another Application since this install "
              + "was planned; choose another subdomain (GET /api/v1/provisioning/hostnames/availability).")
              .with("hostnames", List.of(app.hostname()));
        }
        boolean ours = reserved.ours();
        boolean inserted = reserved.inserted();
        if (!ours || (inserted && git.exists(new RepositoryPath(plan.organization(), app.name())))) {
          taken.add(app.name());
        }
      }
      if (!taken.isEmpty()) {
        status.setRollbackOnly();
        throw ProblemException.conflict("The Application name" + (taken.size() > 1 ? "s " : " ")
                + String.join(", ", taken) + (taken.size() > 1 ? " are" : " is")
                + " taken in " + plan.organization() + " (an Application or a repository of that name exists). "
                + "Choose another name, or reuse the existing Application.")
            .with("applications", taken);
      }
      hostnames.release(install); // the rows hold the chosen hostnames now (unique index)
    });
  }

  /** Releases the names (the rows this install inserted). */
  void compensate(UUID install) {
    applications.releaseInstall(install);
  }
}
