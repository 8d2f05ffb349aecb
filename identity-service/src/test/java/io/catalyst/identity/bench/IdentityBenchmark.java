package io.catalyst.identity.bench;

import io.catalyst.identity.IdentityApplication;
import io.catalyst.identity.token.AccessTokenIssuer;
import io.catalyst.platform.testkit.EmbeddedKafkaServer;
import io.catalyst.platform.testkit.EmbeddedPostgresServer;
import io.catalyst.platform.testkit.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: measures sign-up to first token (phone + code, over real HTTP) and token issuance per second (in
 * process; client credentials and password login over HTTP, sequential and concurrent), against the real service on
 * embedded PostgreSQL and Kafka. Run: {@code java -cp <test classpath>
 * io.catalyst.identity.bench.IdentityBenchmark [signups] [seconds]}.
 */
public final class IdentityBenchmark {

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final int THREADS = 4;
  private static final String PASSWORD = "Bench-pass-2468-qrx";

  public static void main(String[] args) throws Exception {
    int signups = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    ConfigurableApplicationContext app = new SpringApplicationBuilder(IdentityApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=" + EmbeddedPostgresServer.jdbcUrl("identity_bench"),
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        "--spring.kafka.bootstrap-servers=" + EmbeddedKafkaServer.bootstrapServers(),
        "--catalyst.security.jwk-set-uri=" + TestTokens.jwksUri(),
        "--catalyst.identity.dev-inbox.enabled=true", "--catalyst.identity.demo.enabled=false",
        "--catalyst.identity.otp.sends-per-ip-per-hour=1000000",
        "--catalyst.identity.otp.verifications-per-ip-per10-minutes=1000000",
        "--catalyst.identity.login.attempts-per-ip-per10-minutes=100000000",
        "--management.tracing.export.otlp.enabled=false", "--logging.level.root=WARN");
    String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");

    // Warm-up, then sign-up to first token: send code, read it, sign up (the response carries the access token).
    for (int i = 0; i < 20; i++) {
      signUp(base, i);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < signups; i++) {
      long start = System.nanoTime();
      signUp(base, 1000 + i);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    System.out.printf("sign-up to first token (phone+code, %d runs): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        signups, pct(millis, 50), pct(millis, 99), millis.get(millis.size() - 1));

    AccessTokenIssuer issuer = app.getBean(AccessTokenIssuer.class);
    UUID user = UUID.fromString(signUp(base, 99_999).replaceAll(".*\"userId\":\"([^\"]+)\".*", "$1"));
    System.out.printf("access tokens issued in-process (claims from the database + RS256): %.0f/s%n",
        rate(seconds, () -> issuer.issue(user)));
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        "catalog-service:local-service-secret".getBytes(StandardCharsets.UTF_8));
    Runnable clientCredentials = () -> {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
          .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=catalyst.internal")).build());
      check(r, 200);
    };
    System.out.printf("client-credentials tokens over HTTP (POST /oauth2/token, one client, sequential): %.0f/s%n",
        rate(seconds, clientCredentials));
    System.out.printf("client-credentials tokens over HTTP (%d concurrent callers): %.0f/s%n", THREADS,
        concurrentRate(seconds, clientCredentials));

    // Both flows check a bcrypt hash (the client secret, the password): its cost alone, for comparison.
    org.springframework.security.crypto.password.PasswordEncoder encoder =
        app.getBean(org.springframework.security.crypto.password.PasswordEncoder.class);
    String hash = encoder.encode("local-service-secret");
    System.out.printf("bcrypt checks alone (the delegating encoder, in-process, sequential): %.1f/s%n",
        rate(seconds, () -> encoder.matches("local-service-secret", hash)));

    // Password login: one email account, POST /api/v1/identity/login/password (bcrypt check + access and refresh
    // token). The per-address limit is lifted above; the account never fails, so it is never locked.
    String email = "bench-" + UUID.randomUUID() + "@example.com";
    check(send(json(base + "/api/v1/identity/otp", "{\"email\":\"" + email + "\"}")), 202);
    String mailed = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/identity/dev/inbox?to=" + email)).GET()
        .build()).body().replaceAll("(?s).*code is (\\d{6}).*", "$1");
    check(send(json(base + "/api/v1/identity/signup/email", "{\"email\":\"" + email + "\",\"code\":\"" + mailed
        + "\",\"password\":\"" + PASSWORD + "\",\"businessName\":\"Bench Pharmacy\"}")), 201);
    Runnable passwordLogin = () -> check(send(json(base + "/api/v1/identity/login/password",
        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")), 200);
    System.out.printf("password logins over HTTP (POST /api/v1/identity/login/password, sequential): %.1f/s%n",
        rate(seconds, passwordLogin));
    System.out.printf("password logins over HTTP (%d concurrent callers): %.1f/s%n", THREADS,
        concurrentRate(seconds, passwordLogin));
    app.close();
    System.exit(0);
  }

  private static String signUp(String base, int i) {
    String phone = "+9687" + String.format("%07d", i);
    check(send(json(base + "/api/v1/identity/otp", "{\"phone\":\"" + phone + "\"}")), 202);
    String inbox = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/identity/dev/inbox?to=%2B" + phone.substring(1)))
        .GET().build()).body();
    String code = inbox.replaceAll("(?s).*code is (\\d{6}).*", "$1");
    HttpResponse<String> r = send(json(base + "/api/v1/identity/signup/phone", "{\"phone\":\"" + phone
        + "\",\"code\":\"" + code + "\",\"businessName\":\"Bench Shop " + i + "\"}"));
    check(r, 201);
    return r.body();
  }

  private static HttpRequest json(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(HttpResponse<String> r, int status) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
  }

  private static double rate(int seconds, Runnable action) {
    for (int i = 0; i < 50; i++) {
      action.run();
    }
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    int n = 0;
    while (System.nanoTime() < end) {
      action.run();
      n++;
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /** Completed actions per second with {@link #THREADS} callers at once (after a warm-up of each). */
  private static double concurrentRate(int seconds, Runnable action) throws InterruptedException {
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        while (System.nanoTime() < end) {
          action.run();
          done.incrementAndGet();
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
