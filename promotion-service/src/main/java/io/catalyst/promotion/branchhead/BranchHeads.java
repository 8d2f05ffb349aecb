package io.catalyst.promotion.branchhead;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code branch_head} table: each branch's head and since when, from {@code branch.moved.v1}. A move older than
 * the one recorded is dropped (events of one Organization arrive in commit order; a replay must not go back).
 */
@Repository
public class BranchHeads {

  /** A branch's head {@code sha} (null: deleted) since {@code movedAt}. */
  public record Head(String sha, Instant movedAt) {}

  private final JdbcClient jdbc;

  BranchHeads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the move; false when it is older than the head recorded. */
  public boolean record(String owner, String repository, String branch, String sha, Instant movedAt) {
    return jdbc.sql("""
        insert into branch_head (owner, repository, branch, sha, moved_at) values (:owner, :repo, :branch, :sha, :at)
        on conflict (owner, repository, branch) do update set sha = excluded.sha, moved_at = excluded.moved_at
        where branch_head.moved_at <= excluded.moved_at""")
        .param("owner", owner).param("repo", repository).param("branch", branch).param("sha", sha)
        .param("at", java.sql.Timestamp.from(movedAt)).update() > 0;
  }

  public Optional<Head> find(String owner, String repository, String branch) {
    return jdbc.sql("select sha, moved_at from branch_head where owner = :owner and repository = :repo"
            + " and branch = :branch")
        .param("owner", owner).param("repo", repository).param("branch", branch)
        .query((rs, i) -> new Head(rs.getString("sha"), rs.getTimestamp("moved_at").toInstant())).optional();
  }
}
