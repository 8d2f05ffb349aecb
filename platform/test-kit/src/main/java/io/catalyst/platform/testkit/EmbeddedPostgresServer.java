package io.catalyst.platform.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One real PostgreSQL 17 per test JVM (zonky's binaries from a jar); a database per service, made on demand. */
public final class EmbeddedPostgresServer {

  private static volatile EmbeddedPostgres server;
  private static final Set<String> databases = ConcurrentHashMap.newKeySet();

  private EmbeddedPostgresServer() {}

  public static synchronized EmbeddedPostgres get() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "300")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
    }
    return server;
  }

  /** JDBC URL of {@code database}, creating it on first use. */
  public static String jdbcUrl(String database) {
    EmbeddedPostgres pg = get();
    if (databases.add(database)) {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        var rs = s.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "") + "'");
        if (!rs.next()) {
          s.execute("create database \"" + database.replace("\"", "") + "\"");
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Could not create test database " + database, e);
      }
    }
    return pg.getJdbcUrl("postgres", database);
  }

  /**
   * JDBC URL of {@code database}, made on first use owned by a login of the same name, with a second login
   * {@code runtimeLogin} that owns nothing (the service grants it what it may do); both with password = name, as the
   * local stack makes them.
   */
  public static String jdbcUrl(String database, String runtimeLogin) {
    EmbeddedPostgres pg = get();
    if (databases.add(database)) {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        for (String login : new String[] {database, runtimeLogin}) {
          String name = login.replaceAll("[^a-z0-9_]", "");
          if (!s.executeQuery("select 1 from pg_roles where rolname = '" + name + "'").next()) {
            s.execute("create role \"" + name + "\" login password '" + name + "'");
          }
        }
        String db = database.replaceAll("[^a-z0-9_]", "");
        if (!s.executeQuery("select 1 from pg_database where datname = '" + db + "'").next()) {
          s.execute("create database \"" + db + "\" owner \"" + db + "\"");
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Could not create test database " + database, e);
      }
    }
    // Without a user in the URL: the datasource's username (the runtime login) and Flyway's (the owner) apply.
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database;
  }

  public static int port() {
    return get().getPort();
  }
}
