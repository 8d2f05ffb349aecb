package io.catalyst.promotion.promotion;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code approval} table: approvals and rejections, each bound to the source head SHA it was given to. */
@Repository
class Approvals {

  /** A row: {@code verdict} approve or reject; {@code invalidatedAt} once the source branch moved past {@code sha}. */
  record Row(UUID id, UUID promotion, String subject, Set<String> teams, Set<String> roles, String sha,
      String verdict, String comment, Instant createdAt, Instant invalidatedAt) {}

  private final JdbcClient jdbc;

  Approvals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Row r) {
    jdbc.sql("""
        insert into approval (id, promotion_id, subject, teams, roles, sha, verdict, comment, created_at)
        values (:id, :promotion, :subject, :teams, :roles, :sha, :verdict, :comment, :at)""")
        .param("id", r.id()).param("promotion", r.promotion()).param("subject", r.subject())
        .param("teams", String.join(",", r.teams().stream().sorted().toList()))
        .param("roles", String.join(",", r.roles().stream().sorted().toList()))
        .param("sha", r.sha()).param("verdict", r.verdict()).param("comment", r.comment())
        .param("at", Timestamp.from(r.createdAt())).update();
  }

  List<Row> of(UUID promotion) {
    return jdbc.sql("select * from approval where promotion_id = :id order by created_at, id").param("id", promotion)
        .query((rs, i) -> new Row(rs.getObject("id", UUID.class), rs.getObject("promotion_id", UUID.class),
            rs.getString("subject"), split(rs.getString("teams")), split(rs.getString("roles")), rs.getString("sha"),
            rs.getString("verdict"),
            rs.getString("comment"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("invalidated_at") == null ? null : rs.getTimestamp("invalidated_at").toInstant()))
        .list();
  }

  private static Set<String> split(String joined) {
    return joined == null || joined.isEmpty() ? Set.of() : Set.of(joined.split(","));
  }

  /** Marks the approvals of {@code promotion} given to another SHA than {@code head}; answers how many. */
  int invalidate(UUID promotion, String head, Instant at) {
    return jdbc.sql("update approval set invalidated_at = :at where promotion_id = :id and verdict = 'approve'"
            + " and sha <> :head and invalidated_at is null")
        .param("id", promotion).param("head", head).param("at", Timestamp.from(at)).update();
  }
}
