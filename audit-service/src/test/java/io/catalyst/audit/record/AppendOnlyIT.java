package io.catalyst.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.audit.support.AuditIntegrationTest;
import io.catalyst.audit.support.MeshEvents.Actor;
import io.catalyst.audit.support.MeshEvents.Event;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * The database keeps the trail append-only: the service's login has no UPDATE or DELETE on records, and a trigger
 * refuses them (and TRUNCATE) to the owner, the migration login, as well.
 */
class AppendOnlyIT extends AuditIntegrationTest {

  @Test
  void theServiceRunsAsTheRuntimeLoginWhichCannotUpdateOrDeleteRecords() {
    String id = stored("append-runtime");
    assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("audit_runtime");

    assertThatThrownBy(() -> jdbc.sql("update audit_record set actor = 'mallory' where event_id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class).rootCause()
        .hasMessageContaining("permission denied for table audit_record");
    assertThatThrownBy(() -> jdbc.sql("delete from audit_record where event_id = :id").param("id", id).update())
        .isInstanceOf(DataAccessException.class).rootCause()
        .hasMessageContaining("permission denied for table audit_record");
    assertThatThrownBy(() -> jdbc.sql("truncate audit_record").update())
        .isInstanceOf(DataAccessException.class).rootCause()
        .hasMessageContaining("permission denied for table audit_record");
    assertThat(row(id)).containsEntry("actor", "ahmed");
  }

  @Test
  void theTriggerRefusesUpdateDeleteAndTruncateToTheMigrationLogin() throws SQLException {
    String id = stored("append-owner");
    try (Connection owner = asOwner(); Statement s = owner.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("update audit_record set actor = 'mallory' where event_id = '" + id + "'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("audit records are append-only: UPDATE");
      assertThatThrownBy(() -> s.executeUpdate("delete from audit_record where event_id = '" + id + "'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("audit records are append-only: DELETE");
      assertThatThrownBy(() -> s.executeUpdate("truncate audit_record"))
          .isInstanceOf(SQLException.class).hasMessageContaining("audit records are append-only: TRUNCATE");
    }
    assertThat(row(id)).containsEntry("actor", "ahmed");
  }

  private String stored(String org) {
    String id = events.send(new Event(Topics.PROVISIONING, ProvisioningEvents.APPLICATION_CONFIGURED,
        "applications/" + org + "/shop", org, org + "-prod", Actor.user("ahmed", "org-admin", "api"),
        new ApplicationEvents.Configured(org, org + "-prod", "shop", "main", "s2", "s1", "ahmed")));
    awaitStored(id);
    return id;
  }
}
