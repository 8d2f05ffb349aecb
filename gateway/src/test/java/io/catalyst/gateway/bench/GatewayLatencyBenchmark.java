package io.catalyst.gateway.bench;

import io.catalyst.gateway.GatewayApplication;
import io.catalyst.gateway.support.EchoBackend;
import io.catalyst.platform.testkit.TestTokens;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Latency the gateway adds to an authenticated GET (JWT check, rate limiter, circuit breaker, tracing, load-balanced
 * routing) at a fixed rate, 500 req/s by default. Open loop: each tick sends the same request twice at the same
 * instant, once straight to the backend and once through the gateway, so that whatever else the machine is doing
 * hits both alike; latency counts from when the request was due, so a stall is not hidden by sending less.
 *
 * <p>Not a test (no {@code *Test} name, surefire skips it). Run after {@code ./mvnw -pl gateway -am test-compile}:
 *
 * <pre>{@code
 * ./mvnw -q -pl gateway -am dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp gateway/target/test-classes:gateway/target/classes:platform/core/target/classes:\
 * platform/test-kit/target/classes:$(cat /tmp/cp.txt) \
 *     io.catalyst.gateway.bench.GatewayLatencyBenchmark [requestsPerSecond] [seconds]
 * }</pre>
 */
public final class GatewayLatencyBenchmark {

  private static final String PATH = "/api/v1/provisioning/environments";

  public static void main(String[] args) throws InterruptedException {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;

    EchoBackend backend = EchoBackend.start("provisioning-service");
    ConfigurableApplicationContext gateway = new SpringApplication(GatewayApplication.class).run(
        "--server.port=0",
        "--spring.cloud.discovery.client.simple.instances.provisioning-service[0].uri=" + backend.uri(),
        "--catalyst.security.jwk-set-uri=" + TestTokens.jwksUri(),
        "--catalyst.sovereign.public-url=" + TestTokens.ISSUER,
        // The limiter runs (its cost is part of the measurement) but never refuses this one client.
        "--catalyst.gateway.rate-limit.authenticated.capacity=1000000",
        "--catalyst.gateway.rate-limit.authenticated.refill-per-second=1000000",
        "--logging.level.root=WARN",
        "--logging.structured.format.console=");
    int gatewayPort = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    String token = TestTokens.user("bench").org("acme").roles("org-admin").lifetime(Duration.ofHours(1)).sign();

    HttpClient http = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(2_000)
            .pendingAcquireMaxCount(-1).build())
        .headers(h -> h.set("Authorization", "Bearer " + token));
    String direct = backend.uri() + PATH;
    String viaGateway = "http://127.0.0.1:" + gatewayPort + PATH;

    warmUp(http, viaGateway, direct);

    Histogram directLatency = new Histogram(3);
    Histogram gatewayLatency = new Histogram(3);
    Map<String, AtomicLong> failures = new ConcurrentSkipListMap<>();
    long cpuBefore = processCpuNanos();
    pairedRun(http, direct, viaGateway, rate, seconds, directLatency, gatewayLatency, failures);
    double cpuPerPair = (processCpuNanos() - cpuBefore) / 1e6 / ((long) rate * seconds);

    System.out.printf("%n%d req/s to each, %d s, latency in ms (from when each request was due)%n", rate, seconds);
    System.out.printf("%-10s %8s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "p99.9", "max");
    print("direct", directLatency);
    print("gateway", gatewayLatency);
    System.out.printf("%-10s %8.2f %8.2f %8.2f%n", "added",
        ms(gatewayLatency.getValueAtPercentile(50) - directLatency.getValueAtPercentile(50)),
        ms(gatewayLatency.getValueAtPercentile(90) - directLatency.getValueAtPercentile(90)),
        ms(gatewayLatency.getValueAtPercentile(99) - directLatency.getValueAtPercentile(99)));
    System.out.printf("process CPU per pair of requests: %.2f ms; failures: %s%n", cpuPerPair, failures);

    gateway.close();
    backend.stop();
    System.exit(0);
  }

  /**
   * Closed-loop load for a minute first: on a small, shared machine the JIT needs a good while to compile the
   * gateway's much larger code path, and measuring before that measures the interpreter.
   */
  private static void warmUp(HttpClient http, String viaGateway, String direct) {
    for (int window = 0; window < 12; window++) {
      long cpuBefore = processCpuNanos();
      long requests = closedLoop(http, viaGateway, 16, Duration.ofSeconds(5));
      System.out.printf("warm-up %2d: %6.0f req/s through the gateway, %.2f ms CPU per request (whole process)%n",
          window, requests / 5.0, (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, requests));
    }
    closedLoop(http, direct, 16, Duration.ofSeconds(5));
  }

  private static long closedLoop(HttpClient http, String url, int concurrency, Duration duration) {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    Flux.range(0, concurrency)
        .flatMap(worker -> Mono.defer(() -> http.get().uri(url)
                .responseSingle((response, body) -> body.asByteArray().then()))
            .doOnSuccess(ignored -> done.incrementAndGet())
            .repeat(() -> System.nanoTime() < end)
            .then(), concurrency)
        .blockLast();
    return done.get();
  }

  /** {@code rate} ticks per second; each tick sends one request to each URL. */
  private static void pairedRun(HttpClient http, String direct, String viaGateway, int rate, int seconds,
      Histogram directLatency, Histogram gatewayLatency, Map<String, AtomicLong> failures)
      throws InterruptedException {
    long ticks = (long) rate * seconds;
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    CountDownLatch done = new CountDownLatch(1);
    Flux.interval(Duration.ofNanos(intervalNanos), Schedulers.single())
        .take(ticks)
        .flatMap(tick -> {
          long due = start + (tick + 1) * intervalNanos;
          return Mono.when(timed(http, direct, due, directLatency, failures),
              timed(http, viaGateway, due, gatewayLatency, failures));
        }, 100_000)
        .doFinally(signal -> done.countDown())
        .subscribe();
    done.await();
  }

  private static Mono<Void> timed(HttpClient http, String url, long due, Histogram latency,
      Map<String, AtomicLong> failures) {
    return http.get().uri(url)
        .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
            .map(bytes -> response.status().code()))
        .doOnNext(status -> {
          if (status != 200) {
            failures.computeIfAbsent("HTTP " + status, k -> new AtomicLong()).incrementAndGet();
          }
          synchronized (latency) {
            latency.recordValue(Math.max(0, System.nanoTime() - due));
          }
        })
        .onErrorResume(e -> {
          failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
          return Mono.empty();
        })
        .then();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void print(String label, Histogram h) {
    System.out.printf("%-10s %8.2f %8.2f %8.2f %8.2f %8.2f%n", label, ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()));
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
