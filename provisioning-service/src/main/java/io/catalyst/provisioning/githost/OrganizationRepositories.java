package io.catalyst.provisioning.githost;

import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.contract.BranchMoved;
import java.time.Clock;

/** The repositories every Organization has from its first day: {@code {org}/shared-blueprints}. */
public class OrganizationRepositories {

  private final GitRepositories repositories;
  private final Clock clock;
  private final BranchMoves moves;

  public OrganizationRepositories(GitRepositories repositories, Clock clock, BranchMoves moves) {
    this.repositories = repositories;
    this.clock = clock;
    this.moves = moves;
  }

  /** Creates {@code {org}/shared-blueprints} with a README on {@code main} unless it exists. */
  public RepositoryPath createSharedBlueprints(String organization, String actor) {
    RepositoryPath repo = new RepositoryPath(organization, RepositoryPath.SHARED_BLUEPRINTS);
    repositories.create(repo);
    if (repositories.head(repo, "main").isEmpty()) {
      String who = actor == null ? "catalyst" : actor;
      moves.commit(repo, "main", new FileChanges().write("README.md", """
          # %s/shared-blueprints

          Private Blueprints of %s, one folder per Blueprint: `bp-<name>/blueprint.yaml`, `chart/` or
          `manifests/`, `card/`. Members of the Organization read; org-developers and org-admins push.
          """.formatted(organization, organization)),
          io.catalyst.platform.git.Committer.ident(who, clock),
          "Create shared-blueprints of " + organization, BranchMoved.VIA_SYSTEM);
    }
    return repo;
  }
}
