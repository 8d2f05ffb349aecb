package io.catalyst.gateway;

import io.catalyst.gateway.routing.CatalystService;
import io.catalyst.gateway.support.EchoBackend;
import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.TestTokens;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway (random port) for the whole module, in front of real HTTP backends found through simple discovery:
 * {@link #PROMOTION} stands alone so the resilience tests can stop it, {@link #BACKEND} serves every other service.
 * Limits are set low enough to be reached quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // The test client is "behind a trusted load balancer": each test picks its own client address.
    "catalyst.gateway.trusted-proxies=127.0.0.1/32,::1/128",
    "catalyst.gateway.max-request-size=64KB",
    "catalyst.gateway.rate-limit.anonymous.capacity=20",
    "catalyst.gateway.rate-limit.anonymous.refill-per-second=5",
    "catalyst.gateway.rate-limit.authenticated.capacity=20",
    "catalyst.gateway.rate-limit.authenticated.refill-per-second=1",
    "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=3",
    "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=1s",
    "resilience4j.timelimiter.configs.default.timeout-duration=2s",
    "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1500ms",
})
@EmbeddedInfrastructure(kafka = false)
public abstract class GatewayTestBase {

  protected static final EchoBackend BACKEND = EchoBackend.start("backend");
  protected static final EchoBackend PROMOTION = EchoBackend.start("promotion-service");

  @DynamicPropertySource
  static void serviceInstances(DynamicPropertyRegistry registry) {
    for (CatalystService service : CatalystService.values()) {
      EchoBackend backend = service == CatalystService.PROMOTION ? PROMOTION : BACKEND;
      registry.add("spring.cloud.discovery.client.simple.instances." + service.serviceId() + "[0].uri", backend::uri);
    }
  }

  @LocalServerPort
  protected int port;

  /** A client of its own address, so one test's requests never use up another's rate limit. */
  protected WebTestClient client;
  protected String clientAddress;

  @BeforeEach
  void newClient() {
    clientAddress = randomClientAddress();
    client = clientFrom(clientAddress);
  }

  protected WebTestClient clientFrom(String address) {
    return WebTestClient.bindToServer()
        .baseUrl(baseUrl())
        .defaultHeader("X-Forwarded-For", address)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  protected String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** A valid access token of a user of its own (so of a rate-limit bucket of its own). */
  protected static String validToken() {
    return TestTokens.user("user-" + UUID.randomUUID()).org("acme").roles("org-admin").sign();
  }

  protected static String randomClientAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.51.%d.%d".formatted(random.nextInt(256), random.nextInt(1, 255));
  }
}
