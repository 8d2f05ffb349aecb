package io.catalyst.provisioning.application;

import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.provisioning.githost.BranchMoves;
import io.catalyst.platform.git.Committer;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.stereotype.Component;

/**
 * Creates an Application's repository with its layout and the branches of the Organization's Environments, and adds
 * the branch of an Environment created later. Re-running either after a crash finishes the job (the commit is the
 * same tree, branches that exist stay), which the install flow and the Environment creation rely on.
 */
@Component
public class ApplicationRepositories {

  /** Environment types from the top of the chain down, so a branch's source is added before the branch. */
  private static final List<EnvironmentType> TOP_DOWN = List.of(EnvironmentType.PROD, EnvironmentType.UAT,
      EnvironmentType.STG, EnvironmentType.DEV, EnvironmentType.POC);

  private final GitRepositories repositories;
  private final Clock clock;

  private final BranchMoves moves;

  public ApplicationRepositories(GitRepositories repositories, Clock clock, BranchMoves moves) {
    this.moves = moves;
    this.repositories = repositories;
    this.clock = clock;
  }

  /** Creates {@code {org}/{app}}; returns the branches it has and the commit they start at. */
  public Created create(ApplicationRepositoryLayout.Spec spec, Set<EnvironmentType> organizationEnvironments,
      String actor) {
    return create(spec, ApplicationRepositoryLayout.files(spec, organizationEnvironments), organizationEnvironments,
        actor);
  }

  /** Creates {@code {org}/{app}} with {@code files} (the layout's, perhaps with more) as its first commit. */
  public Created create(ApplicationRepositoryLayout.Spec spec, Map<String, String> files,
      Set<EnvironmentType> organizationEnvironments, String actor) {
    RepositoryPath repo = new RepositoryPath(spec.organization(), spec.application());
    PersonIdent who = Committer.ident(actor, clock);
    List<String> branches = ApplicationRepositoryLayout.branches(organizationEnvironments);
    // The first commit goes on main (or the only branches there are); the other branches start at the same commit.
    String sha = moves.initialize(repo, ApplicationRepositoryLayout.firstBranch(branches), branches,
        FileChanges.of(files), who, "Install " + spec.blueprint() + "@" + spec.version() + " as "
            + spec.application(), BranchMoved.VIA_INSTALL).sha();
    return new Created(repo, branches, sha);
  }

  /**
   * Gives {@code repo} the branch of every Environment type in {@code environments} it lacks (see
   * {@link #addBranch}); the branches added.
   */
  public List<String> addMissingBranches(RepositoryPath repo, Set<EnvironmentType> environments, String actor) {
    List<String> added = new ArrayList<>();
    for (EnvironmentType type : TOP_DOWN) {
      if (environments.contains(type)) {
        addBranch(repo, type, actor).ifPresent(added::add);
      }
    }
    return added;
  }

  /**
   * Adds the branch of Environment type {@code type} to an existing Application repository: it starts from the
   * next-higher Environment's branch ({@link ApplicationRepositoryLayout#sourceBranch}) with the Environment's
   * overlay added when that branch lacks it, in one commit. Nothing when the repository does not exist, has the
   * branch already, or has no Environment branch to start from. Answers the branch when it was created.
   */
  public Optional<String> addBranch(RepositoryPath repo, EnvironmentType type, String actor) {
    if (!repositories.exists(repo)) {
      return Optional.empty();
    }
    List<String> branches = repositories.branches(repo);
    if (branches.contains(type.branch())) {
      return Optional.empty();
    }
    Optional<String> source = ApplicationRepositoryLayout.sourceBranch(type, branches);
    if (source.isEmpty()) {
      return Optional.empty();
    }
    String from = repositories.head(repo, source.get()).orElseThrow();
    FileChanges overlay = new FileChanges();
    ApplicationRepositoryLayout.overlay(repo.name(), type).forEach((path, text) -> {
      if (repositories.read(repo, source.get(), path).isEmpty()) {
        overlay.write(path, text);
      }
    });
    GitRepositories.Commit made = repositories.branchFrom(repo, type.branch(), from, overlay,
        Committer.ident(actor, clock), "Environment " + repo.owner() + "-" + type.code() + ": branch " + type.branch()
            + " from " + source.get() + ", with its overlay overlays/" + type.code() + "/");
    if (!made.changed()) {
      return Optional.empty();
    }
    moves.moved(repo, type.branch(), null, made.sha(), BranchMoves.viaOfRequest(), actor);
    return Optional.of(type.branch());
  }

  /** A created repository. */
  public record Created(RepositoryPath repository, List<String> branches, String sha) {}
}
