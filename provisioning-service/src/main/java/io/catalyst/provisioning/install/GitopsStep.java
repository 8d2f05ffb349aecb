package io.catalyst.provisioning.install;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.gitops.ApplicationSources;
import io.catalyst.provisioning.gitops.CatalystConfig;
import io.catalyst.provisioning.gitops.EnvironmentBootstrap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** GITOPS: the Applications' Flux objects in the Environment's bootstrap ({@code catalyst-config}); undone by removing them. */
@Component
class GitopsStep {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final GitRepositories git;
  private final CatalystConfig catalystConfig;
  private final InstallProperties properties;

  GitopsStep(JdbcClient jdbc, TransactionTemplate tx, GitRepositories git, CatalystConfig catalystConfig, InstallProperties properties) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.git = git;
    this.catalystConfig = catalystConfig;
    this.properties = properties;
  }

  /** Writes the plan's Flux objects into the Environment's bootstrap, in one commit. */
  void run(InstallPlan plan, String actor) {
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

  /** Removes the plan's Flux objects again. */
  void compensate(InstallPlan plan, String actor) {
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
}
