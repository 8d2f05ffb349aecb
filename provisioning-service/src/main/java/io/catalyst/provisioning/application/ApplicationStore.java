package io.catalyst.provisioning.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code application} table, and the only class that reads or writes it (provisioning's {@code ArchitectureTest}
 * checks): an installed Application of an Environment, its reservation by an install, its version and its card.
 * Callers bring their own transaction.
 */
@Repository
public class ApplicationStore {

  /** An Application as the table holds it. */
  public record Row(String name, String environment, String blueprint, String version, String status,
      String hostname, String category, boolean backingService, List<String> dependsOn, Instant createdAt,
      Integer readyPods, Integer desiredPods, String statusReason, Instant statusChangedAt) {

    static Row of(ResultSet rs) throws SQLException {
      Timestamp changed = rs.getTimestamp("status_changed_at");
      return new Row(rs.getString("name"), rs.getString("environment"), rs.getString("blueprint"),
          rs.getString("version"), rs.getString("status"), rs.getString("hostname"), rs.getString("category"),
          rs.getBoolean("backing_service"), rs.getString("depends_on").isEmpty() ? List.of()
              : Arrays.asList(rs.getString("depends_on").split(",")), rs.getTimestamp("created_at").toInstant(),
          (Integer) rs.getObject("ready_pods"), (Integer) rs.getObject("desired_pods"), rs.getString("status_reason"),
          changed == null ? null : changed.toInstant());
    }
  }

  /** What an install plan needs to know of an Organization's Applications. */
  public record Existing(String name, String environment, String blueprint, String version) {}

  /** A new Application reserved by an install. */
  public record Reservation(String organization, String name, String environment, String blueprint, String version,
      String digest, String category, boolean backingService, List<String> dependsOn, String hostname,
      UUID install, Instant at, String actor) {}

  /** The card columns of a row (for the status state machine). */
  public record Card(String environment, String status, Integer readyPods, Integer desiredPods, String reason,
      Instant changedAt, Instant observedAt, Long generation, Instant updatedAt) {}

  private final JdbcClient jdbc;

  public ApplicationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- reads -----------------------------------------------------------------------------------------------------

  /** The Applications of an Environment, backing services last. */
  public List<Row> inEnvironment(String environment) {
    return jdbc.sql("select * from application where environment = :env order by backing_service, name")
        .param("env", environment)
        .query((rs, i) -> Row.of(rs)).list();
  }

  /** A page of every Application ({@code organization} null) or of one Organization's, by Organization and name. */
  public List<Row> page(String organization, int limit, long offset) {
    var query = jdbc.sql("select * from application" + (organization == null ? "" : " where organization = :org")
        + " order by organization, name limit :l offset :o").param("l", limit).param("o", offset);
    if (organization != null) {
      query = query.param("org", organization);
    }
    return query.query((rs, i) -> Row.of(rs)).list();
  }

  public long count(String organization) {
    var query = jdbc.sql("select count(*) from application" + (organization == null ? ""
        : " where organization = :org"));
    if (organization != null) {
      query = query.param("org", organization);
    }
    return query.query(Long.class).single();
  }

  public boolean exists(String organization, String environment, String application) {
    return jdbc.sql("select count(*) from application where organization = :org and name = :app "
            + "and environment = :env").param("org", organization).param("app", application)
        .param("env", environment).query(Long.class).single() > 0;
  }

  /** The Applications of {@code environment} that depend on {@code application}, by name. */
  public List<String> usedBy(String environment, String application) {
    return jdbc.sql("select name from application where environment = :env and name <> :app "
            + "and (',' || depends_on || ',') like :pattern order by name")
        .param("env", environment).param("app", application).param("pattern", "%," + application + ",%")
        .query(String.class).list();
  }

  /** The names of an Organization's Applications, in every Environment. */
  public List<String> names(String organization) {
    return jdbc.sql("select distinct name from application where organization = :org order by name")
        .param("org", organization).query(String.class).list();
  }

  public List<Existing> existing(String organization) {
    return jdbc.sql("select name, environment, blueprint, version from application where organization = :org")
        .param("org", organization)
        .query((rs, i) -> new Existing(rs.getString("name"), rs.getString("environment"), rs.getString("blueprint"),
            rs.getString("version")))
        .list();
  }

  /** The install that reserved the Application. */
  public Optional<UUID> installOf(String organization, String application) {
    return jdbc.sql("select install_id from application where organization = :org and name = :app")
        .param("org", organization).param("app", application).query(UUID.class).optional();
  }

  public Optional<Row> find(String organization, String environment, String application) {
    return jdbc.sql("select * from application where organization = :org and name = :app and environment = :env")
        .param("org", organization).param("app", application).param("env", environment)
        .query((rs, i) -> Row.of(rs)).optional();
  }

  public Optional<String> status(String organization, String application) {
    return jdbc.sql("select status from application where organization = :org and name = :app")
        .param("org", organization).param("app", application).query(String.class).optional();
  }

  public boolean hostnameTaken(String hostname) {
    return jdbc.sql("select count(*) from application where hostname = :h").param("h", hostname)
        .query(Long.class).single() > 0;
  }

  /** The card of an Application, locked for the rest of the transaction. */
  public Optional<Card> cardForUpdate(String organization, String application) {
    return jdbc.sql("""
        select environment, status, ready_pods, desired_pods, status_reason, status_changed_at, status_observed_at,
               status_generation, updated_at
        from application where organization = :org and name = :app for update""")
        .param("org", organization).param("app", application)
        .query((rs, i) -> new Card(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
            (Integer) rs.getObject(4), rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
            (Long) rs.getObject(8), instant(rs.getTimestamp(9))))
        .optional();
  }

  // --- writes ----------------------------------------------------------------------------------------------------

  /**
   * Inserts the Application as {@code Installing} unless one of that name exists; answers whether this install holds
   * the name (inserted now, or by the same install before). A taken hostname throws the database's
   * {@link org.springframework.dao.DuplicateKeyException}.
   */
  public Reserved reserve(Reservation r) {
    Timestamp at = Timestamp.from(r.at());
    int inserted = jdbc.sql("""
        insert into application (organization, name, environment, blueprint, version, digest, category,
                                 backing_service, depends_on, hostname, status, install_id, created_at,
                                 created_by, updated_at)
        values (:org, :name, :env, :bp, :version, :digest, :category, :backing, :deps, :hostname, 'Installing',
                :install, :now, :actor, :now)
        on conflict (organization, name) do nothing""")
        .param("org", r.organization()).param("name", r.name()).param("env", r.environment())
        .param("bp", r.blueprint()).param("version", r.version()).param("digest", r.digest())
        .param("category", r.category()).param("backing", r.backingService())
        .param("deps", String.join(",", r.dependsOn())).param("hostname", r.hostname())
        .param("install", r.install()).param("now", at).param("actor", r.actor()).update();
    boolean ours = inserted == 1 || jdbc.sql(
            "select count(*) from application where organization = :org and name = :name and install_id = :id")
        .param("org", r.organization()).param("name", r.name()).param("id", r.install())
        .query(Long.class).single() == 1;
    return new Reserved(inserted == 1, ours);
  }

  /** {@code inserted}: the row is new; {@code ours}: the row belongs to this install. */
  public record Reserved(boolean inserted, boolean ours) {}

  /** Releases every Application an install reserved (its compensation). */
  public int releaseInstall(UUID install) {
    return jdbc.sql("delete from application where install_id = :id").param("id", install).update();
  }

  public int delete(String organization, String application) {
    return jdbc.sql("delete from application where organization = :org and name = :app")
        .param("org", organization).param("app", application).update();
  }

  public void touch(String organization, String application, Instant now) {
    jdbc.sql("update application set updated_at = :now where organization = :org and name = :name")
        .param("now", Timestamp.from(now)).param("org", organization).param("name", application).update();
  }

  public void upgraded(String organization, String application, String version, String digest, Instant now) {
    jdbc.sql("update application set version = :v, digest = :d, updated_at = :now where organization = :org "
            + "and name = :name")
        .param("v", version).param("d", digest).param("now", Timestamp.from(now))
        .param("org", organization).param("name", application).update();
  }

  /** Writes the card; {@code observedCommit} null keeps the one recorded. */
  public void writeCard(String organization, String application, String status, Integer readyPods,
      Integer desiredPods, String reason, Instant changedAt, Instant observedAt, Long generation,
      String observedCommit, Instant now) {
    jdbc.sql("""
        update application set status = :status, ready_pods = :ready, desired_pods = :desired, status_reason = :reason,
               status_changed_at = :changed, status_observed_at = :observed, status_generation = :generation,
               observed_commit = coalesce(:commit, observed_commit), updated_at = :now
        where organization = :org and name = :app""")
        .param("status", status).param("ready", readyPods).param("desired", desiredPods)
        .param("reason", reason).param("changed", ts(changedAt)).param("observed", ts(observedAt))
        .param("generation", generation).param("commit", observedCommit)
        .param("now", Timestamp.from(now))
        .param("org", organization).param("app", application).update();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
