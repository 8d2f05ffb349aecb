package io.catalyst.provisioning.install;

import io.catalyst.identity.contract.IdentityApi;
import io.catalyst.provisioning.application.ApplicationRepositories;
import io.catalyst.provisioning.application.ApplicationRepositoryLayout;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.sso.SsoClients;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** REPOSITORY: one Git repository per Application, with the branches of the Organization's Environments; undone by archiving it. */
@Component
class RepositoryStep {

  private final JdbcClient jdbc;
  private final GitRepositories git;
  private final ApplicationRepositories applicationRepositories;
  private final SsoStep ssoStep;

  RepositoryStep(JdbcClient jdbc, GitRepositories git, ApplicationRepositories applicationRepositories, SsoStep ssoStep) {
    this.jdbc = jdbc;
    this.git = git;
    this.applicationRepositories = applicationRepositories;
    this.ssoStep = ssoStep;
  }

  void run(UUID install, InstallPlan plan, InstallPlan.PlannedApplication app, String actor) {
    Optional<IdentityApi.SsoClient> client = ssoStep.registered(install, app.name());
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

  /** Archives the repository (moved to {@code _archived}, never deleted). */
  void compensate(UUID install, InstallPlan plan, String application) {
    git.archive(new RepositoryPath(plan.organization(), application), "rolled-back-" + install.toString().substring(0, 8));
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
