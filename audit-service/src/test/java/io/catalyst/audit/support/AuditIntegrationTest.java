package io.catalyst.audit.support;

import io.catalyst.platform.testkit.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Base of the module's integration tests: one context ({@link AuditTest}), events sent through real Kafka. */
@AuditTest
public abstract class AuditIntegrationTest {

  @Autowired protected MockMvc mvc;
  /** The service's own JdbcClient: the runtime login {@code audit_runtime}. */
  @Autowired protected JdbcClient jdbc;
  @Autowired protected JsonMapper json;

  protected MeshEvents events;

  @BeforeEach
  void openProducer() {
    events = new MeshEvents(json);
  }

  @AfterEach
  void closeProducer() {
    events.close();
  }

  /** Waits until every event id is an audit record. */
  protected void awaitStored(String... eventIds) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
        jdbc.sql("select count(*) from audit_record where event_id in (:ids)")
            .param("ids", java.util.List.of(eventIds)).query(Long.class).single() == eventIds.length);
  }

  protected Map<String, Object> row(String eventId) {
    return jdbc.sql("select * from audit_record where event_id = :id").param("id", eventId).query().singleRow();
  }

  /** A bearer token of {@code subject} in {@code org} (null: none) with {@code roles}. */
  protected static String token(String subject, String org, String... roles) {
    var builder = io.catalyst.platform.testkit.TestTokens.user(subject).roles(roles);
    return "Bearer " + (org == null ? builder : builder.org(org)).sign();
  }

  /** {@code count} configuration changes of {@code org}'s shop by {@code actor}, stored; answers their ids. */
  protected java.util.List<String> configured(String org, String actor, int count) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(events.send(new MeshEvents.Event(io.catalyst.platform.events.Topics.PROVISIONING,
          io.catalyst.provisioning.contract.ProvisioningEvents.APPLICATION_CONFIGURED,
          "applications/" + org + "/shop", org, org + "-prod", MeshEvents.Actor.user(actor, "org-admin", "api"),
          new io.catalyst.provisioning.contract.ApplicationEvents.Configured(org, org + "-prod", "shop", "main",
              "s" + (i + 1), "s" + i, actor))));
    }
    awaitStored(ids.toArray(String[]::new));
    return ids;
  }

  /** Runs {@code sql} as the owner with the append-only trigger off, as an attacker holding that login would. */
  protected static void tamper(String sql) throws SQLException {
    try (Connection owner = asOwner(); java.sql.Statement s = owner.createStatement()) {
      owner.setAutoCommit(false);
      s.execute("alter table audit_record disable trigger audit_record_append_only");
      s.executeUpdate(sql);
      s.execute("alter table audit_record enable trigger audit_record_append_only");
      owner.commit();
    }
  }

  /** A connection as the migration login {@code audit}, the owner of the schema. */
  protected static Connection asOwner() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + EmbeddedPostgresServer.port() + "/audit", "audit", "audit");
  }
}
