package io.catalyst.provisioning.application;

import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.provisioning.githost.BranchMoves;
import io.catalyst.provisioning.githost.Committer;
import io.catalyst.provisioning.githost.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.stereotype.Component;

/**
 * Creates an Application's repository with its layout and branches. Re-running it after a crash finishes the job
 * (the commit is the same tree, branches that exist stay), which the install flow relies on.
 */
@Component
public class ApplicationRepositories {

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
    RepositoryPath repo = new RepositoryPath(spec.organization(), spec.application());
    PersonIdent who = Committer.of(actor, clock);
    List<String> branches = ApplicationRepositoryLayout.branches(organizationEnvironments);
    // The first commit goes on main; the other branches start at the same commit.
    String sha = moves.initialize(repo, "main", branches,
        FileChanges.of(ApplicationRepositoryLayout.files(spec, organizationEnvironments)), who,
        "Install " + spec.blueprint() + "@" + spec.version() + " as " + spec.application(),
        BranchMoved.VIA_INSTALL).sha();
    return new Created(repo, branches, sha);
  }

  /** A created repository. */
  public record Created(RepositoryPath repository, List<String> branches, String sha) {}
}
