package io.catalyst.provisioning.runtime;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.application.ApplicationStore;
import io.catalyst.provisioning.application.ApplicationValues;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.contract.RuntimeEvents;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A <b>simulated runtime</b> for the local stack and tests ({@code catalyst.provisioning.runtime=simulated}; off in
 * Kubernetes, where a real adapter reports). It plays a cluster: on {@code application.installed.v1} it reports
 * {@code Installing} (0/1) at once and, after {@code catalyst.provisioning.simulated-runtime.delay} (2 s), {@code Running}
 * 1/1 — or {@code Failed} with the reason in the Application's {@code simulate.failure} value, or {@code Running} 1/2
 * (Degraded) with {@code simulate.degraded: true}. A push to an Environment branch of an installed Application reports
 * {@code Updating}, then the same outcome after the delay. Events go to {@code catalyst.runtime.v1} through the outbox,
 * as {@code io.catalyst.runtime.application.status.v1}, like a real runtime's.
 */
@Component
@ConditionalOnProperty(name = "catalyst.provisioning.runtime", havingValue = "simulated")
@CatalystEventListener(topics = Topics.PROVISIONING, consumer = SimulatedRuntime.CONSUMER)
public class SimulatedRuntime implements DisposableBean {

  static final String CONSUMER = "provisioning-simulated-runtime";
  private static final Logger log = LoggerFactory.getLogger(SimulatedRuntime.class);

  private final Outbox outbox;
  private final ApplicationStore applications;
  private final TransactionTemplate tx;
  private final GitRepositories git;
  private final Clock clock;
  private final Duration delay;
  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

  SimulatedRuntime(Outbox outbox, ApplicationStore applications, TransactionTemplate tx, GitRepositories git,
      Clock clock, @Value("${catalyst.provisioning.simulated-runtime.delay:PT2S}") Duration delay) {
    this.outbox = outbox;
    this.applications = applications;
    this.tx = tx;
    this.git = git;
    this.clock = clock;
    this.delay = delay;
    scheduler.setPoolSize(2);
    scheduler.setThreadNamePrefix("simulated-runtime-");
    scheduler.setClock(clock);
    scheduler.setDaemon(true);
    scheduler.initialize();
    log.info("Simulated runtime on: installed Applications report Running after {}", delay);
  }

  @CatalystEventHandler(ProvisioningEvents.APPLICATION_INSTALLED)
  void installed(ApplicationEvents.Installed installed) {
    report(installed.organization(), installed.environment(), installed.application(), "Installing", 0, 1, null);
    afterCommit(() -> settle(installed.organization(), installed.environment(), installed.application()));
  }

  /**
   * Any move of an installed Application's Environment branch — a push, a change through the API, a merge — is a
   * change the runtime rolls out: {@code Updating}, then the outcome.
   */
  @CatalystEventHandler(ProvisioningEvents.BRANCH_MOVED)
  void moved(BranchMoved moved) {
    if (moved.environment() == null || !"updated".equals(moved.change())
        || BranchMoved.VIA_INSTALL.equals(moved.via())
        || !installed(moved.owner(), moved.environment(), moved.repository())) {
      return;
    }
    report(moved.owner(), moved.environment(), moved.repository(), "Updating", 1, 1, null);
    afterCommit(() -> settle(moved.owner(), moved.environment(), moved.repository()));
  }

  /** After the delay: the outcome the Application's values ask for. */
  private void settle(String organization, String environment, String application) {
    scheduler.schedule(() -> {
      try {
        Map<String, Object> values = values(organization, environment, application);
        Object failure = simulate(values, "failure");
        Object degraded = simulate(values, "degraded");
        tx.executeWithoutResult(s -> {
          if (failure != null && !String.valueOf(failure).isBlank()) {
            report(organization, environment, application, "Failed", 0, 1, String.valueOf(failure));
          } else if (Boolean.TRUE.equals(degraded) || "true".equals(String.valueOf(degraded))) {
            report(organization, environment, application, "Running", 1, 2,
                "1 of 2 pods ready (simulated: simulate.degraded)");
          } else {
            report(organization, environment, application, "Running", 1, 1, null);
          }
        });
      } catch (RuntimeException e) {
        log.warn("Simulated runtime could not report {}/{}: {}", organization, application, e.toString());
      }
    }, clock.instant().plus(delay));
  }

  /** Publishes a status event on {@code catalyst.runtime.v1}, as the runtime would. */
  private void report(String organization, String environment, String application, String phase, int ready,
      int desired, String reason) {
    Runnable publish = () -> {
      Instant now = clock.instant();
      outbox.publishAs("simulated-runtime", Topics.RUNTIME, new CatalystEvent(RuntimeEvents.STATUS_TYPE,
          "applications/" + organization + "/" + application, organization, environment, "simulated-runtime",
          new RuntimeEvents.Status(organization, environment, application, phase, ready, desired, reason,
              head(organization, environment, application).orElse(null), now, null)));
    };
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      publish.run();
    } else {
      tx.executeWithoutResult(s -> publish.run());
    }
  }

  private boolean installed(String organization, String environment, String application) {
    return applications.exists(organization, environment, application);
  }

  private Optional<String> head(String organization, String environment, String application) {
    try {
      RepositoryPath repo = new RepositoryPath(organization, application);
      return EnvironmentName.parse(environment).filter(e -> git.exists(repo))
          .flatMap(e -> git.head(repo, e.type().branch()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The Application's values in the Environment: base {@code values.yaml} with the Environment's overlay. */
  private Map<String, Object> values(String organization, String environment, String application) {
    try {
      Optional<EnvironmentName> env = EnvironmentName.parse(environment);
      return env.isEmpty() ? Map.of()
          : ApplicationValues.effectiveValues(git, new RepositoryPath(organization, application), env.get());
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /** {@code simulate: {key: …}} or a flat {@code simulate.key: …}. */
  static Object simulate(Map<String, Object> values, String key) {
    if (values.get("simulate") instanceof Map<?, ?> nested && nested.get(key) != null) {
      return nested.get(key);
    }
    return values.get("simulate." + key);
  }

  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }

  @Override
  public void destroy() {
    scheduler.shutdown();
  }
}
