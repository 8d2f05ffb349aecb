package io.catalyst.provisioning.gitops;

import io.catalyst.platform.git.Committer;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.githost.BranchMoves;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.stereotype.Component;

/**
 * The {@code system/catalyst-config} repository: the Sovereign's GitOps source of truth (Environments,
 * EnvironmentPolicies). This service writes Environment bootstraps to its {@code main} branch as commits.
 */
@Component
public class CatalystConfig {

  public static final RepositoryPath REPOSITORY =
      new RepositoryPath(RepositoryPath.SYSTEM, RepositoryPath.CATALYST_CONFIG);
  static final String BRANCH = "main";

  private final GitRepositories repositories;
  private final Clock clock;
  private final BranchMoves moves;

  public CatalystConfig(GitRepositories repositories, Clock clock, BranchMoves moves) {
    this.repositories = repositories;
    this.clock = clock;
    this.moves = moves;
  }

  /** Commits {@code files} (paths inside the repository) as {@code actor}; returns the head after the commit. */
  public GitRepositories.Commit write(Map<String, String> files, String actor, String message) {
    ensureExists();
    return moves.commit(REPOSITORY, BRANCH, FileChanges.of(files), ident(actor), message, BranchMoves.viaOfRequest());
  }

  /** Commits {@code changes} (writes and removals) as {@code actor}. */
  public GitRepositories.Commit apply(FileChanges changes, String actor, String message) {
    ensureExists();
    return moves.commit(REPOSITORY, BRANCH, changes, ident(actor), message, BranchMoves.viaOfRequest());
  }

  /** Removes {@code folder} and everything in it. */
  public GitRepositories.Commit remove(String folder, String actor, String message) {
    ensureExists();
    String path = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    return moves.commit(REPOSITORY, BRANCH, new FileChanges().remove(path), ident(actor), message,
        BranchMoves.viaOfRequest());
  }

  /** The content of {@code path} on the branch this service writes. */
  public java.util.Optional<String> read(String path) {
    return repositories.exists(REPOSITORY) ? repositories.read(REPOSITORY, BRANCH, path) : java.util.Optional.empty();
  }

  private void ensureExists() {
    if (repositories.create(REPOSITORY)) {
      moves.commit(REPOSITORY, BRANCH, new FileChanges().write("README.md", """
          # catalyst-config

          The Sovereign's configuration as Git: `environments/{org}-{env_type}/` (each Environment's GitOps
          bootstrap, written by provisioning-service) and `policies/{org}-{env_type}-policy.yaml`
          (EnvironmentPolicies, owned by promotion-service).
          """), ident("catalyst"), "Create catalyst-config", BranchMoved.VIA_SYSTEM);
    }
  }

  private PersonIdent ident(String actor) {
    String who = actor == null ? "catalyst" : actor;
    return Committer.ident(who, clock);
  }
}
