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
      rs.getTimestamp("updated_at").toInstant(),
      rs.getTimestamp("suspended_at") == null ? null : rs.getTimestamp("suspended_at").toInstant(),
      rs.getString("suspension_reason"));

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

  /** Organizations whose slug or display name contains {@code q} (case-insensitive; all when blank), by slug. */
  public java.util.List<Organization> search(String q, String status, int page, int size) {
    return jdbc.sql("""
        select * from organization
         where (:q = '' or slug ilike '%' || :q || '%' or display_name ilike '%' || :q || '%')
           and (:status = '' or status = :status)
         order by slug limit :limit offset :offset""")
        .param("q", like(q)).param("status", status == null ? "" : status).param("limit", size).param("offset", (long) page * size).query(ROW).list();
  }

  public long count(String q, String status) {
    return jdbc.sql("""
        select count(*) from organization
         where (:q = '' or slug ilike '%' || :q || '%' or display_name ilike '%' || :q || '%')
           and (:status = '' or status = :status)""")
        .param("q", like(q)).param("status", status == null ? "" : status).query(Long.class).single();
  }

  /** The slugs of every suspended Organization. */
  public java.util.Set<String> suspendedSlugs() {
    return java.util.Set.copyOf(jdbc.sql("select slug from organization where status = 'suspended'")
        .query(String.class).list());
  }

  /** Sets the status; false when it already was {@code status}. */
  public boolean setStatus(String slug, String status, String reason, Instant now) {
    return jdbc.sql("""
        update organization set status = :status, updated_at = :now, suspended_at = :since,
               suspension_reason = :reason
         where slug = :slug and status <> :status""")
        .param("status", status).param("now", Timestamp.from(now))
        .param("since", "suspended".equals(status) ? Timestamp.from(now) : null, java.sql.Types.TIMESTAMP)
        .param("reason", "suspended".equals(status) ? reason : null, java.sql.Types.VARCHAR).param("slug", slug)
        .update() == 1;
  }

  private static String like(String q) {
    return q == null ? "" : q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
