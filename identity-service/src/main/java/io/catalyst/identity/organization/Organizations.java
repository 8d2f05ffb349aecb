package io.catalyst.identity.organization;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Organizations {

  private static final RowMapper<Organization> ROW = (rs, i) -> new Organization(rs.getString("slug"),
      rs.getString("display_name"), rs.getString("style"), rs.getString("status"),
      rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
      rs.getTimestamp("updated_at").toInstant());

  private final JdbcClient jdbc;

  public Organizations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String slug) {
    return jdbc.sql("select count(*) from organization where slug = :slug").param("slug", slug)
        .query(Integer.class).single() > 0;
  }

  public Optional<Organization> find(String slug) {
    return jdbc.sql("select * from organization where slug = :slug").param("slug", slug).query(ROW).optional();
  }

  public void insert(String slug, String displayName, String style, UUID createdBy, Instant now) {
    jdbc.sql("""
        insert into organization (slug, display_name, style, created_by, created_at, updated_at)
        values (:slug, :name, :style, :by, :now, :now)""")
        .param("slug", slug).param("name", displayName).param("style", style).param("by", createdBy)
        .param("now", Timestamp.from(now)).update();
  }

  public void rename(String slug, String displayName, Instant now) {
    jdbc.sql("update organization set display_name = :name, updated_at = :now where slug = :slug")
        .param("name", displayName).param("now", Timestamp.from(now)).param("slug", slug).update();
  }
}
