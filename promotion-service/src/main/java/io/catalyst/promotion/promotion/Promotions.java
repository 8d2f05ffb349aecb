package io.catalyst.promotion.promotion;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code promotion} table. */
@Repository
class Promotions {

  private static final RowMapper<Promotion> ROW = (rs, i) -> new Promotion(rs.getObject("id", UUID.class),
      rs.getString("organization"), rs.getString("application"), rs.getString("source_environment"),
      rs.getString("target_environment"), rs.getString("source_sha"), Promotion.State.of(rs.getString("state")),
      rs.getString("requested_by"), rs.getString("decided_by"), rs.getString("reason"),
      rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

  private final JdbcClient jdbc;

  Promotions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Promotion p) {
    jdbc.sql("""
        insert into promotion (id, organization, application, source_environment, target_environment, source_sha,
          state, requested_by, created_at, updated_at)
        values (:id, :org, :app, :source, :target, :sha, :state, :by, :at, :at)""")
        .param("id", p.id()).param("org", p.organization()).param("app", p.application())
        .param("source", p.sourceEnvironment()).param("target", p.targetEnvironment()).param("sha", p.sourceSha())
        .param("state", p.state().value).param("by", p.requestedBy()).param("at", Timestamp.from(p.createdAt()))
        .update();
  }

  Optional<Promotion> find(UUID id) {
    return jdbc.sql("select * from promotion where id = :id").param("id", id).query(ROW).optional();
  }

  /** Locks the row for a decision on it. */
  Optional<Promotion> lock(UUID id) {
    return jdbc.sql("select * from promotion where id = :id for update").param("id", id).query(ROW).optional();
  }

  Optional<Promotion> openFrom(String organization, String application, String sourceEnvironment) {
    return jdbc.sql("select * from promotion where organization = :org and application = :app"
            + " and source_environment = :source and state = 'open'")
        .param("org", organization).param("app", application).param("source", sourceEnvironment)
        .query(ROW).optional();
  }

  /** The open promotions whose source is {@code sourceEnvironment}'s branch of {@code application}, locked. */
  List<Promotion> lockOpenFrom(String organization, String application, String sourceEnvironment) {
    return jdbc.sql("select * from promotion where organization = :org and application = :app"
            + " and source_environment = :source and state = 'open' for update")
        .param("org", organization).param("app", application).param("source", sourceEnvironment)
        .query(ROW).list();
  }

  void sourceMoved(UUID id, String sha, Instant at) {
    jdbc.sql("update promotion set source_sha = :sha, updated_at = :at where id = :id")
        .param("id", id).param("sha", sha).param("at", Timestamp.from(at)).update();
  }

  void decide(UUID id, Promotion.State state, String decidedBy, String reason, Instant at) {
    jdbc.sql("update promotion set state = :state, decided_by = :by, reason = :reason, updated_at = :at"
            + " where id = :id")
        .param("id", id).param("state", state.value).param("by", decidedBy).param("reason", reason)
        .param("at", Timestamp.from(at)).update();
  }
}
