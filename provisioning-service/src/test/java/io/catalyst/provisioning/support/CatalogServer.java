package io.catalyst.provisioning.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.catalyst.platform.testkit.ServiceProcess;
import io.catalyst.platform.testkit.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The real catalog-service, started once per test JVM as its own process from its built jar (the reactor builds it
 * before this module), on the test kit's PostgreSQL, Kafka and JWKS, with the shipped catalog
 * ({@code ../catalog-content}) seeded into a local Git repository. Stopped when the JVM exits.
 *
 * <p>{@link #url()} is a pass-through in front of the process that records every request ({@link #requests()}), so
 * a test can count the calls provisioning makes to the catalog (an install plan makes one).
 */
public final class CatalogServer {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");
  private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

  private static volatile ServiceProcess process;
  private static volatile String url;

  private CatalogServer() {}

  /** The catalog's base URL, starting it on first use (and waiting until the shipped catalog is synced). */
  public static synchronized String url() {
    if (process == null) {
      try {
        Path work = Files.createTempDirectory("catalog-for-provisioning");
        String bare = work.resolve("git").resolve("catalog").resolve("blueprints.git").toUri().toString();
        List<String> args = new ArrayList<>(ServiceProcess.database("catalog_it"));
        args.addAll(ServiceProcess.kafka());
        args.addAll(List.of(
            "--catalyst.security.jwk-set-uri=" + TestTokens.jwksUri(),
            "--catalyst.security.token-uri=" + TestTokens.tokenUri(),
            "--catalyst.sovereign.public-url=" + TestTokens.ISSUER,
            "--catalyst.catalog.work-dir=" + work.resolve("work"),
            "--catalyst.catalog.seed-from=" + Path.of("..", "catalog-content").toAbsolutePath().normalize(),
            "--catalyst.catalog.sources[0].owner=catalog",
            "--catalyst.catalog.sources[0].repo=blueprints",
            "--catalyst.catalog.sources[0].url=" + bare,
            "--catalyst.catalog.organization-source-url=" + work.resolve("git").toUri() + "{owner}/{repo}.git",
            "--catalyst.catalog.sync-interval=PT1H"));
        // ready when the pharmacy bundle (synced from the seeded repository at start) can be read
        process = ServiceProcess.start("catalog-service", ServiceProcess.freePort(), args,
            "/api/v1/catalog/blueprints/bp-bundle-pharmacy");
        url = recordingProxy(process.url());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return url;
  }

  /** Every request made to the catalog so far, as {@code METHOD /path?query}, in arrival order. */
  public static List<String> requests() {
    return List.copyOf(REQUESTS);
  }

  /** Forwards every request to {@code target} as it is, and records it. */
  private static String recordingProxy(String target) throws IOException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      try {
        forward(client, target, exchange);
      } catch (IOException | RuntimeException e) {
        exchange.sendResponseHeaders(502, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  private static void forward(HttpClient client, String target, HttpExchange exchange)
      throws IOException, InterruptedException {
    URI uri = exchange.getRequestURI();
    REQUESTS.add(exchange.getRequestMethod() + " " + uri);
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response.headers().map().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }
}
