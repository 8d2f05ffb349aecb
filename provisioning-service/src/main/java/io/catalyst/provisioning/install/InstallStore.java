package io.catalyst.provisioning.install;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code install} and {@code install_step} tables, and the only class that touches them: an install's plan, its
 * status and lease, its idempotency key, and its saga's steps. Callers bring their own transaction.
 */
@Repository
class InstallStore {

  /** An install as the table holds it. */
  record Row(UUID id, String environment, String status, String failure, InstallPlan plan, String requestHash,
      Instant createdAt, String createdBy) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  InstallStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  // --- install ---------------------------------------------------------------------------------------------------

  /** A planned install ({@code plan} as the API shows it, id and expiry set). */
  void insert(UUID id, InstallPlan plan, String actor, String key, String hash, Instant now) {
    jdbc.sql("""
        insert into install (id, organization, environment, name, blueprint, idempotency_key, request_hash, plan,
                             status, created_at, created_by, updated_at)
        values (:id, :org, :env, :name, :bp, :key, :hash, :plan, 'Planned', :now, :actor, :now)""")
        .param("id", id).param("org", plan.organization()).param("env", plan.environment())
        .param("name", plan.name()).param("bp", plan.blueprint()).param("key", key).param("hash", hash)
        .param("plan", json.writeValueAsString(plan))
        .param("now", Timestamp.from(now)).param("actor", actor).update();
  }

  Optional<Row> find(UUID id) {
    return jdbc.sql("select * from install where id = :id").param("id", id).query(this::row).optional();
  }

  Optional<Row> findByKey(String organization, String key) {
    return jdbc.sql("select * from install where organization = :org and idempotency_key = :key")
        .param("org", organization).param("key", key).query(this::row).optional();
  }

  /** Gives a keyless install {@code key}; a key another install holds throws a DuplicateKeyException. */
  void setKey(UUID id, String key) {
    jdbc.sql("update install set idempotency_key = :key where id = :id and idempotency_key is null")
        .param("key", key).param("id", id).update();
  }

  /** Installs being applied whose attempt's lease ran out (the attempt died). */
  List<UUID> interrupted(Instant now) {
    return jdbc.sql("select id from install where status = 'Applying' and lease_until < :now")
        .param("now", Timestamp.from(now)).query(UUID.class).list();
  }

  /**
   * Claims the install for an attempt until {@code leaseUntil}: a planned or rolled back one, or one whose last
   * attempt's lease ran out. False when another attempt holds it or it is installed.
   */
  boolean claim(UUID id, Instant now, Instant leaseUntil) {
    return jdbc.sql("""
        update install set status = 'Applying', lease_until = :lease, attempts = attempts + 1, updated_at = :now,
                           failure = null
        where id = :id and (status in ('Planned', 'RolledBack') or (status = 'Applying' and lease_until < :now))""")
        .param("id", id).param("now", Timestamp.from(now)).param("lease", Timestamp.from(leaseUntil)).update() > 0;
  }

  void extendLease(UUID id, Instant now, Instant leaseUntil) {
    jdbc.sql("update install set lease_until = :lease, updated_at = :now where id = :id and status = 'Applying'")
        .param("id", id).param("now", Timestamp.from(now)).param("lease", Timestamp.from(leaseUntil)).update();
  }

  /** The install's status, locking its row for the rest of the transaction. */
  String statusForUpdate(UUID id) {
    return jdbc.sql("select status from install where id = :id for update").param("id", id)
        .query(String.class).single();
  }

  /** Installed, and its FINISH step done. */
  void installed(UUID id, Instant now) {
    jdbc.sql("update install set status = 'Installed', lease_until = null, updated_at = :now where id = :id")
        .param("id", id).param("now", Timestamp.from(now)).update();
    jdbc.sql("update install_step set status = 'Done' where install_id = :id and kind = 'FINISH'")
        .param("id", id).update();
  }

  void rolledBack(UUID id, String failure, Instant now) {
    jdbc.sql("update install set status = 'RolledBack', failure = :f, lease_until = null, updated_at = :now "
            + "where id = :id")
        .param("f", failure).param("now", Timestamp.from(now)).param("id", id).update();
  }

  // --- install_step ----------------------------------------------------------------------------------------------

  /** Replaces the install's steps. */
  void saveSteps(UUID id, List<InstallStep> steps) {
    jdbc.sql("delete from install_step where install_id = :id").param("id", id).update();
    for (InstallStep s : steps) {
      jdbc.sql("insert into install_step (install_id, position, kind, target, status) values (:id, :p, :k, :t, :s)")
          .param("id", id).param("p", s.position()).param("k", s.kind().name()).param("t", s.target())
          .param("s", wire(s.status())).update();
    }
  }

  List<InstallStep> steps(UUID id) {
    return jdbc.sql("select * from install_step where install_id = :id order by position").param("id", id)
        .query((rs, i) -> new InstallStep(rs.getInt("position"), InstallStep.Kind.valueOf(rs.getString("kind")),
            rs.getString("target"), status(rs.getString("status")))).list();
  }

  void stepStatus(UUID id, InstallStep step) {
    jdbc.sql("update install_step set status = :s where install_id = :id and position = :p")
        .param("s", wire(step.status())).param("id", id).param("p", step.position()).update();
  }

  /** Keeps what the SSO step of {@code application} registered (JSON), for the repository step and retries. */
  void ssoDetail(UUID id, String application, String detail) {
    jdbc.sql("update install_step set detail = :d where install_id = :id and kind = 'SSO' and target = :app")
        .param("d", detail).param("id", id).param("app", application).update();
  }

  Optional<String> ssoDetail(UUID id, String application) {
    return jdbc.sql("select detail from install_step where install_id = :id and kind = 'SSO' and target = :app "
            + "and detail is not null").param("id", id).param("app", application).query(String.class).optional();
  }

  /** Whether the install's SSO step for {@code application} was done (an OIDC client exists for it). */
  boolean ssoDone(UUID id, String application) {
    return jdbc.sql("""
        select count(*) from install_step
        where install_id = :id and kind = 'SSO' and target = :app and status = 'Done'""")
        .param("id", id).param("app", application).query(Long.class).single() > 0;
  }

  private static String wire(InstallStep.Status status) {
    return switch (status) {
      case PENDING -> "Pending";
      case DONE -> "Done";
      case COMPENSATED -> "Compensated";
      case COMPENSATION_FAILED -> "CompensationFailed";
    };
  }

  private static InstallStep.Status status(String wire) {
    return switch (wire) {
      case "Pending" -> InstallStep.Status.PENDING;
      case "Done" -> InstallStep.Status.DONE;
      case "Compensated" -> InstallStep.Status.COMPENSATED;
      default -> InstallStep.Status.COMPENSATION_FAILED;
    };
  }

  private Row row(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getObject("id", UUID.class), rs.getString("environment"), rs.getString("status"),
        rs.getString("failure"), json.readValue(rs.getString("plan"), InstallPlan.class),
        rs.getString("request_hash"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
  }
}
