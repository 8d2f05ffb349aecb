package io.catalyst.gateway.bench;

import com.sun.net.httpserver.HttpServer;
import io.catalyst.gateway.security.PatIntrospection;
import io.catalyst.platform.testkit.TestTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * CPU cost of checking a bearer token at the gateway, per check, single thread:
 * <ul>
 *   <li>an access token (RS256 JWT): signature against the cached JWKS, issuer and expiry, as the gateway's
 *   {@code ReactiveJwtDecoder} does it (JWKS fetched once, before measuring);</li>
 *   <li>a personal access token whose introspection is cached (SHA-256 of the token + cache lookup);</li>
 *   <li>a personal access token not in the cache: one introspection call over loopback HTTP to a stand-in that
 *   answers at once (the real identity-service adds a database lookup and update), service token cached.</li>
 * </ul>
 * Prints, per check, the calling thread's CPU time (for the introspection call the other side and the event loop
 * are not in it) and wall-clock percentiles. Not a test (surefire skips it); run like {@link GatewayLatencyBenchmark}:
 * {@code java -cp ... io.catalyst.gateway.bench.TokenCheckBenchmark [iterations]}.
 */
public final class TokenCheckBenchmark {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws IOException {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;

    NimbusReactiveJwtDecoder jwt = NimbusReactiveJwtDecoder.withJwkSetUri(TestTokens.jwksUri()).build();
    jwt.setJwtValidator(JwtValidators.createDefaultWithIssuer(TestTokens.ISSUER));
    List<String> tokens = IntStream.range(0, 64).mapToObj(i -> TestTokens.user("user-" + i).org("acme")
        .roles("org-admin").lifetime(Duration.ofHours(1)).sign()).toList();
    jwt.decode(tokens.getFirst()).block(); // JWKS now cached
    report("JWT (RS256, warm JWKS)", measure(iterations, i -> jwt.decode(tokens.get(Math.floorMod(i, tokens.size()))).block()));

    HttpServer identity = introspectionStandIn();
    String uri = "http://127.0.0.1:" + identity.getAddress().getPort() + "/api/v1/identity/tokens/introspect";
    var registrations = new InMemoryReactiveClientRegistrationRepository(ClientRegistration
        .withRegistrationId("catalyst-service").clientId("gateway").clientSecret("secret")
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).tokenUri(TestTokens.tokenUri()).build());
    var serviceTokens = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations,
        new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
    PatIntrospection pats = new PatIntrospection(WebClient.create(), uri, serviceTokens, "catalyst-service",
        Duration.ofMinutes(10), Duration.ofMinutes(10), Clock.systemUTC());
    List<String> cachedPats = IntStream.range(0, 64).mapToObj(i -> "cat_pat_cached" + i).toList();
    cachedPats.forEach(p -> pats.introspect(p).block());
    report("PAT, cached answer", measure(iterations, i -> pats.introspect(cachedPats.get(Math.floorMod(i, 64))).block()));
    int misses = Math.max(200, iterations / 20);
    // Every measured call (warm-up included) takes a token the cache has never seen.
    report("PAT, not cached (loopback call)", measure(misses, i -> pats.introspect("cat_pat_miss" + i).block()));
    identity.stop(0);
    System.exit(0);
  }

  private static long[] measure(int iterations, java.util.function.IntConsumer check) {
    int warmUp = Math.min(iterations, 5_000);
    for (int i = 0; i < warmUp; i++) {
      check.accept(-1 - i); // warm-up (negative indexes: nothing the measured calls use)
    }
    long[] nanos = new long[iterations + 1];
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      check.accept(i);
      nanos[i] = System.nanoTime() - start;
    }
    // Last slot: this thread's CPU time per check, which the machine's other load does not inflate.
    nanos[iterations] = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / iterations;
    return nanos;
  }

  private static void report(String what, long[] measured) {
    long cpu = measured[measured.length - 1];
    long[] nanos = Arrays.copyOf(measured, measured.length - 1);
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(nanos).average().orElse(0);
    System.out.printf("%-34s n=%6d  cpu %8d ns  wall: mean %9.0f ns  p50 %9d ns  p99 %9d ns%n", what,
        nanos.length, cpu, mean, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)]);
  }

  /** Answers every introspection as active (scopes api:read, api:write), like identity-service does for a live PAT. */
  private static HttpServer introspectionStandIn() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/identity/tokens/introspect", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = ("{\"active\":true,\"sub\":\"bench-user\",\"org\":\"acme\",\"roles\":[\"org-admin\"],"
          + "\"scopes\":[\"api:read\",\"api:write\"],\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(1))
          + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
    server.start();
    return server;
  }
}
