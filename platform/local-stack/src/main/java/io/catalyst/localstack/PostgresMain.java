package io.catalyst.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's PostgreSQL 17: zonky's embedded binaries on a fixed port with a data directory that survives
 * restarts. On start it makes every missing login and database (one per service, password = name; local only),
 * writes a ready file, then blocks until the JVM is asked to stop (SIGTERM), when PostgreSQL is shut down cleanly.
 *
 * <p>Settings (environment): {@code CATALYST_PG_DIR} (required; holds {@code data/} and the unpacked binaries),
 * {@code CATALYST_PG_PORT} (15432), {@code CATALYST_PG_DATABASES} (comma-separated, the six services),
 * {@code CATALYST_PG_READY_FILE} (optional; written once every database exists, removed on shutdown).
 */
public final class PostgresMain {

  static final List<String> DEFAULT_DATABASES =
      List.of("identity", "catalog", "provisioning", "promotion", "billing", "audit");
  /**
   * Logins that own nothing, made beside the databases: a service that runs as one of these and migrates as its
   * database's owner (audit-service runs as {@code audit_runtime}, which may not UPDATE or DELETE its records).
   */
  static final List<String> RUNTIME_LOGINS = List.of("audit_runtime");
  private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
  private static final Logger log = LoggerFactory.getLogger(PostgresMain.class);

  private PostgresMain() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    Path home = Path.of(required("CATALYST_PG_DIR")).toAbsolutePath();
    int port = Integer.parseInt(env("CATALYST_PG_PORT", "15432"));
    List<String> databases = Arrays.stream(env("CATALYST_PG_DATABASES", String.join(",", DEFAULT_DATABASES))
            .split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
    String readyFile = System.getenv("CATALYST_PG_READY_FILE");
    databases.forEach(PostgresMain::checkName);

    Path data = home.resolve("data");
    Path binaries = home.resolve("binaries");
    Files.createDirectories(binaries);
    removeHalfUnpackedBinaries(binaries);
    boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
    log.info("Starting PostgreSQL on port {} with data directory {} ({})", port, data,
        fresh ? "new: initdb" : "existing");

    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(binaries.toFile())
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("listen_addresses", "localhost")
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "64MB")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("log_min_messages", "warning")
        .start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping PostgreSQL");
      try {
        if (readyFile != null) {
          Files.deleteIfExists(Path.of(readyFile));
        }
        pg.close();
        log.info("PostgreSQL stopped");
      } catch (IOException e) {
        log.error("PostgreSQL did not stop cleanly", e);
      } finally {
        stopped.countDown();
      }
    }, "postgres-shutdown"));

    ensureDatabases(pg, databases);
    ensureLogins(pg, RUNTIME_LOGINS);
    if (readyFile != null) {
      Path ready = Path.of(readyFile);
      Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
      Files.writeString(tmp, "jdbc:postgresql://localhost:" + port + "/\n");
      Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    log.info("CATALYST-POSTGRES-READY port={} databases={} in {} ms", port, databases,
        (System.nanoTime() - started) / 1_000_000);
    // Unpacking the binaries (first start) grows the heap; this process only waits from here on, so give it back.
    System.gc();
    stopped.await();
  }

  /** Makes each missing login (LOGIN PASSWORD = name) and database (OWNER = that login); leaves existing ones. */
  static void ensureDatabases(EmbeddedPostgres pg, List<String> names) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (String name : names) {
        checkName(name);
        boolean roleExists;
        try (PreparedStatement q = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
          q.setString(1, name);
          roleExists = q.executeQuery().next();
        }
        if (!roleExists) {
          s.execute("create role \"" + name + "\" login password '" + name + "'");
          log.info("Created login {}", name);
        }
        boolean dbExists;
        try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
          q.setString(1, name);
          dbExists = q.executeQuery().next();
        }
        if (!dbExists) {
          s.execute("create database \"" + name + "\" owner \"" + name + "\" encoding 'UTF8'");
          log.info("Created database {} owned by {}", name, name);
        }
      }
    }
  }

  /** Makes each missing login (LOGIN PASSWORD = name); leaves existing ones. */
  static void ensureLogins(EmbeddedPostgres pg, List<String> names) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (String name : names) {
        checkName(name);
        try (PreparedStatement q = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
          q.setString(1, name);
          if (!q.executeQuery().next()) {
            s.execute("create role \"" + name + "\" login password '" + name + "'");
            log.info("Created login {}", name);
          }
        }
      }
    }
  }

  /**
   * zonky unpacks the binaries into {@code PG-<hash>/} and marks the end with a {@code .exists} file; a JVM stopped
   * while unpacking leaves a folder it cannot unpack over, so such a folder is removed (only this process uses it).
   */
  static void removeHalfUnpackedBinaries(Path binaries) throws IOException {
    try (Stream<Path> dirs = Files.list(binaries)) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("PG-")).toList()) {
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(".exists"))) {
          log.warn("Removing half-unpacked PostgreSQL binaries in {}", dir);
          try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(p);
            }
          }
        }
      }
    }
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain lower-case database name: '" + name + "'");
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      System.err.println(name + " is not set: it names the folder that holds PostgreSQL's data directory");
      System.exit(2);
    }
    return value;
  }
}
