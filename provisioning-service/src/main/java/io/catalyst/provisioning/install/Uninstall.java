package io.catalyst.provisioning.install;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.provisioning.application.ApplicationStore;
import io.catalyst.provisioning.organization.Environment;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.sso.SsoClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Uninstalls an Application: its Flux objects leave the Environment's bootstrap, its OIDC client goes (when its
 * install made one), its repository is archived (moved to {@code _archived}, never deleted), its rows go and
 * {@code application.uninstalled.v1} is published. Refused (409) while other Applications depend on it. Each part is
 * idempotent, so a retry after a crash finishes it.
 */
@Service
class Uninstall {

  private final ApplicationStore applications;
  private final InstallStore installs;
  private final InstallActions actions;
  private final GitRepositories git;
  private final SsoClients sso;
  private final Clock clock;

  Uninstall(ApplicationStore applications, InstallStore installs, InstallActions actions, GitRepositories git,
      SsoClients sso, Clock clock) {
    this.applications = applications;
    this.installs = installs;
    this.actions = actions;
    this.git = git;
    this.sso = sso;
    this.clock = clock;
  }

  /** {@code env}: the caller may change it (checked). */
  InstallService.Uninstalled uninstall(Environment env, String application, String actor) {
    EnvironmentName name = EnvironmentName.parse(env.name()).orElseThrow();
    if (!applications.exists(env.organization(), env.name(), application)) {
      throw ProblemException.notFound("Application " + application + " in " + env.name());
    }
    List<String> usedBy = applications.usedBy(env.name(), application);
    if (!usedBy.isEmpty()) {
      throw ProblemException.conflict(application + " is used by " + String.join(", ", usedBy)
          + ". Uninstall those first, or point them at another Application.").with("usedBy", usedBy);
    }
    actions.removeSources(name, List.of(application), actor, "uninstall");
    boolean hadSso = applications.installOf(env.organization(), application)
        .map(install -> installs.ssoDone(install, application)).orElse(false);
    if (hadSso) {
      sso.remove(env.organization(), application, env.name()); // idempotent: a retry after a crash is fine
    }
    Path archived = git.archive(new RepositoryPath(env.organization(), application),
        "uninstalled-" + clock.instant().getEpochSecond());
    actions.forget(env.organization(), env.name(), application, actor);
    return new InstallService.Uninstalled(application, env.name(),
        archived == null ? null : git.root().relativize(archived).toString());
  }
}
