package io.catalyst.provisioning.application;

import io.catalyst.provisioning.organization.EnvironmentAdded;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A new Environment's branch in every Application repository of its Organization (an Application repository has the
 * branches of the Environments there are): created from the next-higher Environment's branch with the new
 * Environment's overlay ({@link ApplicationRepositories#addBranch}).
 *
 * <p>Done twice, both idempotent: before the Environment's transaction commits (a failure rolls the Environment back,
 * so a retry of the request finishes the branches), and after (an install that created its repository meanwhile,
 * while it could not see the uncommitted Environment, gets the branch too; installs read the Environments again
 * after creating a repository for the opposite order).
 */
@Component
class EnvironmentBranches {

  private static final Logger log = LoggerFactory.getLogger(EnvironmentBranches.class);

  private final ApplicationStore store;
  private final ApplicationRepositories repositories;

  EnvironmentBranches(ApplicationStore store, ApplicationRepositories repositories) {
    this.store = store;
    this.repositories = repositories;
  }

  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
  void beforeCommit(EnvironmentAdded added) {
    List<String> branches = add(added);
    if (!branches.isEmpty()) {
      log.info("Environment {}: branch {} added to {} Application repositories", added.environment(),
          added.environment().type().branch(), branches.size());
    }
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void afterCommit(EnvironmentAdded added) {
    try {
      List<String> late = add(added);
      if (!late.isEmpty()) {
        log.info("Environment {}: branch {} added after the commit to {}", added.environment(),
            added.environment().type().branch(), late);
      }
    } catch (RuntimeException e) {
      log.warn("Environment {}: could not check its branch in the Application repositories after the commit: {}",
          added.environment(), e.getMessage());
    }
  }

  /** The repositories that got the branch now. */
  private List<String> add(EnvironmentAdded added) {
    String org = added.environment().organization();
    List<String> applications = store.names(org);
    List<String> done = new ArrayList<>();
    for (String application : applications) {
      repositories.addBranch(new RepositoryPath(org, application), added.environment().type(), added.actor())
          .ifPresent(b -> done.add(application));
    }
    return done;
  }
}
