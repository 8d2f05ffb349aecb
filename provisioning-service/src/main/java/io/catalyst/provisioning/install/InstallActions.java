package io.catalyst.provisioning.install;


import io.catalyst.identity.contract.IdentityApi;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.provisioning.application.ApplicationRepositories;
import io.catalyst.provisioning.application.ApplicationRepositoryLayout;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.InstallEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.provisioning.githost.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.gitops.ApplicationSources;
import io.catalyst.provisioning.gitops.CatalystConfig;
import io.catalyst.provisioning.gitops.EnvironmentBootstrap;
import io.catalyst.provisioning.hostname.Hostnames;
import io.catalyst.provisioning.sso.SsoClients;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/** The steps of an install saga against the database and the Git host: each idempotent, each with its undo. */
@Component
class InstallActions {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final GitRepositories git;
  private final ApplicationRepositories applicationRepositories;
  private final CatalystConfig catalystConfig;
  private final Outbox outbox;
  private final Clock clock;
  private final InstallProperties properties;
  private final ObjectProvider<InstallStepHook> hooks;
  private final SsoClients sso;
  private final JsonMapper json;
  private final Hostnames hostnames;

  InstallActions(JdbcClient jdbc, TransactionTemplate tx, GitRepositories git,
      ApplicationRepositories applicationRepositories, CatalystConfig catalystConfig, Outbox outbox, Clock clock,
      InstallProperties properties, ObjectProvider<InstallStepHook> hooks, SsoClients sso, JsonMapper json,
      Hostnames hostnames) {
    this.hostnames = hostnames;
    this.sso = sso;
    this.json = json;
    this.jdbc = jdbc;
    this.tx = tx;
    this.git = git;
    this.applicationRepositories = applicationRepositories;
    this.catalystConfig = catalystConfig;
    this.outbox = outbox;
    this.clock = clock;
    this.properties = properties;
    this.hooks = hooks;
  }

  /** The actions of one install. */
  InstallSaga.Actions of(UUID install, InstallPlan plan, String actor) {
    return new InstallSaga.Actions() {
      @Override
      public void run(InstallStep step) {
        hooks.orderedStream().forEach(h -> h.before(install, step));
        switch (step.kind()) {
          case RESERVE -> reserve(install, plan, actor);
          case SSO -> ssoClient(install, plan, application(plan, step.target()));
          case REPOSITORY -> repository(install, plan, application(plan, step.target()), actor);
          case GITOPS -> gitops(plan, actor);
          case FINISH -> finish(install, plan, actor);
        }
      }

      @Override
      public void compensate(InstallStep step) {
        switch (step.kind()) {
          case RESERVE -> jdbc.sql("delete from application where install_id = :id").param("id", install).update();
          case SSO -> sso.remove(plan.organization(), step.target(), plan.environment());
          case REPOSITORY -> git.archive(new RepositoryPath(plan.organization(), step.target()),
              "rolled-back-" + install.toString().substring(0, 8));
          case GITOPS -> removeSources(plan, actor);
          case FINISH -> { } // one transaction: nothing of it survives a failure
        }
      }
    };
  }

  private void reserve(UUID install, InstallPlan plan, String actor) {
    tx.executeWithoutResult(status -> {
      Timestamp now = Timestamp.from(clock.instant());
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
        int inserted;
        try {
          inserted = jdbc.sql("""
            insert into application (organization, name, environment, blueprint, version, digest, category,
                                     backing_service, depends_on, hostname, status, install_id, created_at,
                                     created_by, updated_at)
            values (:org, :name, :env, :bp, :version, :digest, :category, :backing, :deps, :hostname, 'Installing',
                    :install, :now, :actor, :now)
            on conflict (organization, name) do nothing""")
            .param("org", plan.organization()).param("name", app.name()).param("env", plan.environment())
            .param("bp", app.blueprint()).param("version", app.version()).param("digest", app.digest())
            .param("category", app.category()).param("backing", app.backingService())
            .param("deps", String.join(",", app.dependsOn())).param("hostname", app.hostname())
            .param("install", install).param("now", now).param("actor", actor).update();
        } catch (DuplicateKeyException e) { // the unique hostname: another install took it since the plan
          status.setRollbackOnly();
          throw ProblemException.conflict(app.hostname() + " was taken by another Application since this install "
              + "was planned; choose another subdomain (GET /api/v1/provisioning/hostnames/availability).")
              .with("hostnames", List.of(app.hostname()));
        }
        boolean ours = inserted == 1 || jdbc.sql(
                "select count(*) from application where organization = :org and name = :name and install_id = :id")
            .param("org", plan.organization()).param("name", app.name()).param("id", install)
            .query(Long.class).single() == 1;
        if (!ours || (inserted == 1 && git.exists(new RepositoryPath(plan.organization(), app.name())))) {
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

  private void repository(UUID install, InstallPlan plan, InstallPlan.PlannedApplication app, String actor) {
    Optional<IdentityApi.SsoClient> client = registered(install, app.name());
    Map<String, Object> values = client.map(c -> SsoClients.values(app.name(), app.values(), c)).orElse(app.values());
    ApplicationRepositoryLayout.Spec spec = new ApplicationRepositoryLayout.Spec(plan.organization(), app.name(),
        app.blueprint(), app.version(), app.digest() == null ? "unknown" : app.digest(), null, yaml(values),
        plan.team(), regions(plan.environment()), app.secretKeys());
    Set<EnvironmentType> environments = organizationEnvironments(plan.organization());
    Map<String, String> files = new LinkedHashMap<>(ApplicationRepositoryLayout.files(spec, environments));
    if (client.isPresent()) {
      // The layout's files plus secrets/sso.yaml, listed in secrets/kustomization.yaml: still one commit.
      files.put("secrets/sso.yaml", SsoClients.externalSecret(app.name(), client.get()));
      files.put("secrets/kustomization.yaml", files.getOrDefault("secrets/kustomization.yaml", "")
          .replace("resources:\n  []\n", "resources:\n").replace("resources:\n", "resources:\n  - sso.yaml\n"));
    }
    ApplicationRepositories.Created created = applicationRepositories.create(spec, files, environments, actor);
    // An Environment created while this ran: its creation adds its branch to the repositories that exist once it
    // is committed, and this reads the Environments again now that the repository exists, so one of the two sees
    // the other and the new Environment's branch is never missing.
    applicationRepositories.addMissingBranches(created.repository(), organizationEnvironments(plan.organization()),
        actor);
  }

  /** SSO step: the Application's OIDC client at identity-service, kept in the step's detail for the repository. */
  private void ssoClient(UUID install, InstallPlan plan, InstallPlan.PlannedApplication app) {
    IdentityApi.SsoClient client = sso.register(plan.organization(), plan.environment(), app.name(),
        app.hostname(), app.values());
    jdbc.sql("update install_step set detail = :d where install_id = :id and kind = 'SSO' and target = :app")
        .param("d", json.writeValueAsString(client)).param("id", install).param("app", app.name()).update();
  }

  private Optional<IdentityApi.SsoClient> registered(UUID install, String application) {
    return jdbc.sql("select detail from install_step where install_id = :id and kind = 'SSO' and target = :app "
            + "and detail is not null").param("id", install).param("app", application).query(String.class)
        .optional().map(d -> json.readValue(d, IdentityApi.SsoClient.class));
  }

  private void gitops(InstallPlan plan, String actor) {
    EnvironmentName env = EnvironmentName.parse(plan.environment()).orElseThrow();
    tx.executeWithoutResult(status -> {
      lockEnvironment(env); // one writer of an Environment's application list at a time, across instances
      Map<String, String> files = new LinkedHashMap<>();
      Set<String> listed = new TreeSet<>(listedSources(env));
      for (InstallPlan.PlannedApplication app : plan.applications()) {
        files.put(ApplicationSources.path(env, app.name()),
            ApplicationSources.manifest(env, app.name(), properties.gitBaseUrl(), app.dependsOn()));
        listed.add(app.name() + ".yaml");
      }
      files.put(applicationsFolder(env) + "kustomization.yaml", applicationsKustomization(listed));
      rootKustomization(env, true).ifPresent(k -> files.put(EnvironmentBootstrap.folder(env) + "kustomization.yaml", k));
      catalystConfig.write(files, actor, "Environment " + env + ": install "
          + String.join(", ", plan.applications().stream().map(InstallPlan.PlannedApplication::name).toList())
          + "\n\nFrom " + plan.blueprint() + "@" + plan.version() + " by " + actor + ".");
    });
  }

  private void removeSources(InstallPlan plan, String actor) {
    removeSources(EnvironmentName.parse(plan.environment()).orElseThrow(),
        plan.applications().stream().map(InstallPlan.PlannedApplication::name).toList(), actor,
        "roll back the install of");
  }

  /** Removes the Flux objects of {@code applications} from the Environment's bootstrap (no commit if none is there). */
  void removeSources(EnvironmentName env, List<String> applications, String actor, String why) {
    tx.executeWithoutResult(status -> {
      lockEnvironment(env);
      Set<String> listed = new TreeSet<>(listedSources(env));
      FileChanges changes = new FileChanges();
      for (String app : applications) {
        listed.remove(app + ".yaml");
        changes.remove(ApplicationSources.path(env, app));
      }
      if (listed.isEmpty()) {
        changes.remove(applicationsFolder(env).substring(0, applicationsFolder(env).length() - 1));
        rootKustomization(env, false).ifPresent(k ->
            changes.write(EnvironmentBootstrap.folder(env) + "kustomization.yaml", k));
      } else {
        changes.write(applicationsFolder(env) + "kustomization.yaml", applicationsKustomization(listed));
      }
      catalystConfig.apply(changes, actor, "Environment " + env + ": " + why + " "
          + String.join(", ", applications));
    });
  }

  private void finish(UUID install, InstallPlan plan, String actor) {
    tx.executeWithoutResult(status -> {
      String current = jdbc.sql("select status from install where id = :id for update").param("id", install)
          .query(String.class).single();
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
      jdbc.sql("""
          update install set status = 'Installed', lease_until = null, updated_at = :now where id = :id""")
          .param("id", install).param("now", now).update();
      jdbc.sql("update install_step set status = 'Done' where install_id = :id and kind = 'FINISH'")
          .param("id", install).update();
    });
  }

  /**
   * Marks the install rolled back and publishes {@code install.rolled-back.v1}, together: {@code failedAt} is the step
   * (or check) that failed, {@code reason} the install's failure.
   */
  void rolledBack(UUID install, InstallPlan plan, String actor, String failedAt, String reason,
      List<String> unresolved) {
    tx.executeWithoutResult(status -> {
      jdbc.sql("update install set status = 'RolledBack', failure = :f, lease_until = null, updated_at = :now "
              + "where id = :id")
          .param("f", failedAt + ": " + reason).param("now", Timestamp.from(clock.instant())).param("id", install)
          .update();
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
      int deleted = jdbc.sql("delete from application where organization = :org and name = :app")
          .param("org", organization).param("app", application).update();
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

  private void lockEnvironment(EnvironmentName env) {
    jdbc.sql("select name from environment where name = :name for update").param("name", env.toString())
        .query(String.class).optional()
        .orElseThrow(() -> ProblemException.notFound("Environment " + env));
  }

  private List<String> listedSources(EnvironmentName env) {
    String folder = applicationsFolder(env);
    return git.exists(CatalystConfig.REPOSITORY)
        ? git.list(CatalystConfig.REPOSITORY, "main", folder.substring(0, folder.length() - 1)).stream()
            .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList()
        : List.of();
  }

  private static String applicationsFolder(EnvironmentName env) {
    return EnvironmentBootstrap.folder(env) + "applications/";
  }

  private static String applicationsKustomization(Set<String> files) {
    StringBuilder out = new StringBuilder("""
        # The Flux objects of the Environment's Applications, one file each (written by provisioning-service).
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        """);
    files.forEach(f -> out.append("  - ").append(f).append('\n'));
    return out.toString();
  }

  /** The Environment's kustomization with (or without) the {@code applications} folder; empty when unchanged. */
  private java.util.Optional<String> rootKustomization(EnvironmentName env, boolean withApplications) {
    String path = EnvironmentBootstrap.folder(env) + "kustomization.yaml";
    return git.read(CatalystConfig.REPOSITORY, "main", path).flatMap(current -> {
      boolean has = current.contains("\n  - applications\n");
      if (has == withApplications) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(withApplications ? current + (current.endsWith("\n") ? "" : "\n")
          + "  - applications\n" : current.replace("\n  - applications\n", "\n"));
    });
  }

  private List<String> regions(String environment) {
    String regions = jdbc.sql("select regions from environment where name = :name").param("name", environment)
        .query(String.class).optional().orElse("primary");
    return List.of(regions.split(","));
  }

  private Set<EnvironmentType> organizationEnvironments(String organization) {
    Set<EnvironmentType> types = EnumSet.noneOf(EnvironmentType.class);
    jdbc.sql("select type from environment where organization = :org").param("org", organization)
        .query(String.class).list().forEach(t -> EnvironmentType.ofCode(t).ifPresent(types::add));
    return types;
  }

  private static InstallPlan.PlannedApplication application(InstallPlan plan, String name) {
    return plan.applications().stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("No Application " + name + " in plan " + plan.id()));
  }

  static String yaml(Map<String, Object> values) {
    if (values == null || values.isEmpty()) {
      return "{}\n";
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setSplitLines(false);
    return new Yaml(options).dump(values);
  }
}
