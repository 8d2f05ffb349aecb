package io.catalyst.catalog.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read model of Applications per Blueprint, and the install counts the marketplace sorts by. */
@Repository
public class UsageStore {

  private final JdbcClient jdbc;

  public UsageStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Upserts; returns the Blueprint (and bundle) the Application used before (null if new) so every count it moved can
   * be refreshed. {@code bundle} and {@code install}: the composite Blueprint it was installed as a part of, and that
   * install's id (both null otherwise).
   */
  public Previous upsert(String org, String env, String app, String blueprint, String version, String status,
      String bundle, String install, Instant at) {
    Previous before = jdbc.sql("select blueprint, bundle from application_usage where organization = :org"
            + " and environment = :env and application = :app")
        .param("org", org).param("env", env).param("app", app)
        .query((rs, n) -> new Previous(rs.getString(1), rs.getString(2))).optional().orElse(null);
    jdbc.sql("""
            insert into application_usage (organization, environment, application, blueprint, version, status,
                                           bundle, install, updated_at)
            values (:org, :env, :app, :blueprint, :version, :status, :bundle, :install, :at)
            on conflict (organization, environment, application) do update
              set blueprint = excluded.blueprint, version = coalesce(excluded.version, application_usage.version),
                  status = excluded.status, bundle = excluded.bundle, install = excluded.install,
                  updated_at = excluded.updated_at
              where application_usage.updated_at <= excluded.updated_at""")
        .param("org", org).param("env", env).param("app", app).param("blueprint", blueprint)
        .param("version", version).param("status", status).param("bundle", bundle).param("install", install)
        .param("at", Timestamp.from(at)).update();
    return before;
  }

  /** What an Application used: its Blueprint and the bundle it was installed as a part of (or null). */
  public record Previous(String blueprint, String bundle) {}

  /** Updates the status (and version, when given) of a known Application; false when it is unknown. */
  public boolean updateStatus(String org, String env, String app, String status, String version, Instant at) {
    return jdbc.sql("""
            update application_usage set status = :status, version = coalesce(:version, version), updated_at = :at
            where organization = :org and environment = :env and application = :app and updated_at <= :at""")
        .param("org", org).param("env", env).param("app", app).param("status", status).param("version", version)
        .param("at", Timestamp.from(at)).update() > 0;
  }

  /** Removes it; returns the Blueprint and bundle it used, or null. */
  public Previous remove(String org, String env, String app) {
    return jdbc.sql("delete from application_usage where organization = :org and environment = :env"
            + " and application = :app returning blueprint, bundle")
        .param("org", org).param("env", env).param("app", app)
        .query((rs, n) -> new Previous(rs.getString(1), rs.getString(2))).optional().orElse(null);
  }

  /**
   * Recounts {@code blueprint}'s installs: its Applications, plus, for a bundle, its installs that still have a part
   * (one install of a bundle is one install, however many Applications it made).
   */
  public void refreshInstalls(String blueprint) {
    jdbc.sql("""
            update blueprint set installs =
                (select count(*) from application_usage u where u.blueprint = :name)
              + (select count(distinct (u.organization, u.environment, coalesce(u.install, u.application)))
                   from application_usage u where u.bundle = :name)
            where name = :name""")
        .param("name", blueprint).update();
  }

  public List<ApplicationUsage> page(String org, String blueprint, int page, int size) {
    return jdbc.sql("""
            select application, environment, blueprint, version, status, updated_at from application_usage
            where organization = :org and blueprint = :blueprint
            order by environment, application limit :size offset :offset""")
        .param("org", org).param("blueprint", blueprint).param("size", size).param("offset", (long) page * size)
        .query((rs, n) -> new ApplicationUsage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6).toInstant()))
        .list();
  }

  public long count(String org, String blueprint) {
    return jdbc.sql("select count(*) from application_usage where organization = :org and blueprint = :blueprint")
        .param("org", org).param("blueprint", blueprint).query(Long.class).single();
  }
}
