package io.catalyst.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One of our services started from its built jar ({@code ../<module>/target/<module>-0.1.0-SNAPSHOT.jar}, so from a
 * module of this reactor that is built after it) as its own JVM with a capped heap, in a working directory of its
 * own, stopped when the test JVM exits. {@link #database(String)} and {@link #kafka()} give the
 * arguments that put it on the test kit's embedded PostgreSQL and Kafka. {@link #start} waits for readiness and
 * fails with the tail of the service's log when it exits or is not ready in time.
 */
public final class ServiceProcess {

  private final String module;
  private final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(String module, int port, Process process, Path log) {
    this.module = module;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** A free local port, to be handed to a service before it starts (URLs between services are fixed at start). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Datasource arguments for a database of its own on the embedded PostgreSQL. */
  public static List<String> database(String name) {
    return List.of("--spring.datasource.url=" + EmbeddedPostgresServer.jdbcUrl(name),
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
  }

  /** Kafka arguments for the embedded broker. */
  public static List<String> kafka() {
    return List.of("--spring.kafka.bootstrap-servers=" + EmbeddedKafkaServer.bootstrapServers());
  }

  /**
   * Starts {@code module}'s jar on {@code port} with {@code args} (Spring Boot command-line properties) and waits up
   * to two minutes for {@code /actuator/health/readiness} to answer 200.
   */
  public static ServiceProcess start(String module, int port, List<String> args) {
    return start(module, port, args, "/actuator/health/readiness");
  }

  /** The same, ready when a GET of {@code readyPath} answers 200 (e.g. once the service has loaded its data). */
  public static ServiceProcess start(String module, int port, List<String> args, String readyPath) {
    Path jar = Path.of("..", module, "target", module + "-0.1.0-SNAPSHOT.jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(module + " is not built: run ./mvnw -B -o -pl " + module
          + " -am -DskipTests package (expected " + jar + ")");
    }
    try {
      Path work = Files.createTempDirectory(module + "-");
      Path log = work.resolve(module + ".log");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port,
          "--management.tracing.export.otlp.enabled=false"));
      command.addAll(args);
      Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      ServiceProcess service = new ServiceProcess(module, port, process, log);
      Runtime.getRuntime().addShutdownHook(new Thread(service::stop));
      service.awaitReady(readyPath, Duration.ofMinutes(2));
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  /** The last lines of the service's log (for assertion messages). */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  public void stop() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(Duration.ofSeconds(15))) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitReady(String readyPath, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    URI readiness = URI.create(url() + readyPath);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(module + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stop();
    throw new IllegalStateException(module + " was not ready within " + timeout.toSeconds() + " s:\n" + logTail());
  }
}
