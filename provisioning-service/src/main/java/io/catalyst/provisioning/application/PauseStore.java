package io.catalyst.provisioning.application;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code application_pause} table, and the only class that touches it: a paused Application and the card it had
 * before the pause (what resume returns to). Callers bring their own transaction.
 */
@Repository
public class PauseStore {

  /** The card an Application had when it was paused. */
  public record Kept(String status, Integer readyPods, Integer desiredPods, String reason) {}

  private final JdbcClient jdbc;

  public PauseStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Kept> find(String organization, String application) {
    return jdbc.sql("""
        select previous_status, ready_pods, desired_pods, status_reason from application_pause
        where organization = :org and name = :app""")
        .param("org", organization).param("app", application)
        .query((rs, i) -> new Kept(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
            rs.getString(4))).optional();
  }

  /** {@link #find}, locking the row for the rest of the transaction. */
  public Optional<Kept> findForUpdate(String organization, String application) {
    return jdbc.sql("""
        select previous_status, ready_pods, desired_pods, status_reason from application_pause
        where organization = :org and name = :app for update""")
        .param("org", organization).param("app", application)
        .query((rs, i) -> new Kept(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
            rs.getString(4))).optional();
  }

  public void pause(String organization, String application, String environment, Kept before, Instant at,
      String by) {
    jdbc.sql("""
        insert into application_pause (organization, name, environment, previous_status, ready_pods,
                                       desired_pods, status_reason, paused_at, paused_by)
        values (:org, :app, :env, :status, :ready, :desired, :reason, :now, :by)""")
        .param("org", organization).param("app", application).param("env", environment)
        .param("status", before.status()).param("ready", before.readyPods()).param("desired", before.desiredPods())
        .param("reason", before.reason()).param("now", Timestamp.from(at)).param("by", by)
        .update();
  }

  public void resume(String organization, String application) {
    jdbc.sql("delete from application_pause where organization = :org and name = :app")
        .param("org", organization).param("app", application).update();
  }
}
