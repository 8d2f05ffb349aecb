package io.catalyst.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.TestTokens;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.SuspendedOrganizations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The error contract and the caller rules every service inherits, over real HTTP with real tokens. */
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {"catalyst.security.public-paths=GET /api/v1/kit/public/**", "catalyst.web.max-request-size=4KB",
        "spring.application.name=kit-service", "catalyst.security.suspension-refresh=0",
        "springdoc.api-docs.path=/api/v1/kit/api-docs"})
@EmbeddedInfrastructure(kafka = false)
class ServiceKitTest {

  static final HttpClient http = HttpClient.newHttpClient();
  static final String ADMIN = TestTokens.user("ahmed").org("muscatpharmacy").roles("org-admin").teams("team-owners").sign();
  static final String VIEWER = TestTokens.user("sara").org("muscatpharmacy").roles("org-viewer").sign();

  @Autowired
  SuspendedOrganizations suspended;

  @Autowired
  org.springframework.context.ApplicationContext context;

  /** Fixed before the context starts: a Feign client's URL is resolved at start-up. */
  static final int port = freePort();

  @DynamicPropertySource
  static void port(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> port);
    registry.add("kit.self-url", () -> "http://localhost:" + port);
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void invalidInputIsA400WithFieldErrorsThatSayWhatToFix() throws Exception {
    var response = send("POST", "/api/v1/kit/environments", ADMIN, "{\"organization\":\"Bad Name\",\"type\":\"\"}");
    assertProblem(response, 400, "https://catalyst.dev/problems/validation");
    assertThat(response.body())
        .contains("\"errors\":[")
        .contains("{\"field\":\"organization\",\"pointer\":\"/organization\",\"message\":\"must be a lowercase slug\"}")
        .contains("{\"field\":\"type\",\"pointer\":\"/type\",\"message\":\"must not be blank\"}");
  }

  @Test
  void unreadableJsonIsA400NotA500() throws Exception {
    var response = send("POST", "/api/v1/kit/environments", ADMIN, "{\"organization\": ");
    assertProblem(response, 400, "https://catalyst.dev/problems/malformed-request");
    assertThat(response.body()).contains("is not valid JSON (line 1, column ").doesNotContain("Exception");
  }

  // Bodies that cannot be read: the detail says what is wrong and where (a JSON pointer, or line and column), in
  // JSON's words; never a Java type, package, method signature or an empty placeholder.

  @Test
  void anEmptyBodyIsA400ThatSaysTheBodyIsMissing() throws Exception {
    var response = send("POST", "/api/v1/kit/applications", ADMIN, "");
    assertProblem(response, 400, "https://catalyst.dev/problems/malformed-request");
    assertNoInternals(response);
    assertThat(detail(response)).isEqualTo(
        "The request has no body. Send a JSON object as the API documentation describes.");
  }

  @Test
  void malformedJsonIsA400NamingWhereItBroke() throws Exception {
    var response = send("POST", "/api/v1/kit/applications", ADMIN, "{\"name\":\"shop\",\"config\":{\"replicas\":2,,}}");
    assertProblem(response, 400, "https://catalyst.dev/problems/malformed-request");
    assertNoInternals(response);
    assertThat(detail(response)).startsWith("The request body is not valid JSON at /config").contains("line 1, column ");
  }

  @Test
  void anArrayWhereAStringBelongsIsA400NamingThePointer() throws Exception {
    var response = send("POST", "/api/v1/kit/applications", ADMIN,
        "{\"name\":[\"shop\"],\"config\":{\"replicas\":2,\"size\":\"small\"}}");
    assertProblem(response, 400, "https://catalyst.dev/problems/validation");
    assertNoInternals(response);
    assertThat(detail(response)).isEqualTo("The request is not valid: /name must be a string, not an array.");
    assertThat(response.body()).contains("{\"pointer\":\"/name\",\"message\":\"must be a string, not an array\"}");
  }

  @Test
  void aTextWhereANumberBelongsIsA400NamingTheNestedPointer() throws Exception {
    var response = send("POST", "/api/v1/kit/applications", ADMIN,
        "{\"name\":\"shop\",\"config\":{\"replicas\":\"many\",\"size\":\"small\"}}");
    assertProblem(response, 400, "https://catalyst.dev/problems/validation");
    assertNoInternals(response);
    assertThat(detail(response)).isEqualTo("The request is not valid: /config/replicas must be a whole number, not a string.");
  }

  @Test
  void anUnknownEnumValueIsA400ListingTheAcceptedOnes() throws Exception {
    var response = send("POST", "/api/v1/kit/applications", ADMIN,
        "{\"name\":\"shop\",\"config\":{\"replicas\":2,\"size\":\"huge\"}}");
    assertProblem(response, 400, "https://catalyst.dev/problems/validation");
    assertNoInternals(response);
    assertThat(detail(response)).isEqualTo("The request is not valid: /config/size must be one of large, medium, small.");
  }

  @Test
  void aDeeplyNestedBodyIsA400NamingWhereAndTheLimit() throws Exception {
    String deep = "[".repeat(600) + "]".repeat(600);
    var response = send("POST", "/api/v1/kit/applications", ADMIN,
        "{\"name\":\"shop\",\"config\":{\"replicas\":2,\"values\":{\"a\":" + deep + "}}}");
    assertProblem(response, 400, "https://catalyst.dev/problems/malformed-request");
    assertNoInternals(response);
    assertThat(detail(response)).startsWith("The request body is nested too deeply at /config/values")
        .contains("at most 500 levels");
  }

  @Test
  void aBodyThatFailsValidationNamesItsFieldsByPointerToo() throws Exception {
    var response = send("POST", "/api/v1/kit/applications", ADMIN, "{\"name\":\" \",\"config\":{\"replicas\":2}}");
    assertProblem(response, 400, "https://catalyst.dev/problems/validation");
    assertNoInternals(response);
    assertThat(response.body()).contains("{\"field\":\"name\",\"pointer\":\"/name\",\"message\":\"must not be blank\"}");
    assertThat(detail(response)).isEqualTo("The request is not valid: /name must not be blank.");
  }

  @Test
  void headersLargerThanTheLimitAreAProblemToo() throws Exception {
    var request = HttpRequest.newBuilder(uri("/api/v1/kit/orgs/muscatpharmacy"))
        .header("Authorization", "Bearer " + "a".repeat(20_000)).GET().build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(431);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("headers are larger than");
    assertNoInternals(response);
  }

  private static void assertNoInternals(HttpResponse<String> response) {
    assertThat(response.body()).doesNotContain("io.catalyst", "java.", "tools.jackson", "com.fasterxml",
        "Exception", "KitTestApplication", "NewApplication", "public ", "`", "type  ", "(token");
  }

  private static String detail(HttpResponse<String> response) throws Exception {
    return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).get("detail").asString();
  }

  @Test
  void aMissingTokenABadOneAndAnExpiredOneAre401() throws Exception {
    assertProblem(send("GET", "/api/v1/kit/orgs/muscatpharmacy", null, null), 401,
        "https://catalyst.dev/problems/unauthorized");
    assertProblem(send("GET", "/api/v1/kit/orgs/muscatpharmacy",
        TestTokens.user("eve").org("muscatpharmacy").roles("org-admin").signedByStranger().sign(), null), 401,
        "https://catalyst.dev/problems/unauthorized");
    String expired = TestTokens.user("ahmed").org("muscatpharmacy").roles("org-admin")
        .issuedAt(Instant.now().minus(Duration.ofHours(1))).lifetime(Duration.ofMinutes(15)).sign();
    var response = send("GET", "/api/v1/kit/orgs/muscatpharmacy", expired, null);
    assertProblem(response, 401, "https://catalyst.dev/problems/unauthorized");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    String otherIssuer = TestTokens.user("ahmed").org("muscatpharmacy").issuer("https://evil.example").sign();
    assertProblem(send("GET", "/api/v1/kit/orgs/muscatpharmacy", otherIssuer, null), 401,
        "https://catalyst.dev/problems/unauthorized");
  }

  @Test
  void theCallerComesFromTheToken() throws Exception {
    var response = send("GET", "/api/v1/kit/orgs/muscatpharmacy", ADMIN, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"caller\":\"ahmed\"").contains("org-admin").contains("team-owners");
  }

  @Test
  void anotherOrganizationsResourceIs404NotForbidden() throws Exception {
    var response = send("GET", "/api/v1/kit/orgs/bank-dhofar", ADMIN, null);
    assertProblem(response, 404, "https://catalyst.dev/problems/not-found");
    assertThat(response.body()).contains("Organization bank-dhofar does not exist");
    String sovereignAdmin = TestTokens.user("root").roles("sovereign-admin").sign();
    assertThat(send("GET", "/api/v1/kit/orgs/bank-dhofar", sovereignAdmin, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aMissingRoleIs403() throws Exception {
    var response = send("POST", "/api/v1/kit/environments", VIEWER, "{\"organization\":\"muscatpharmacy\",\"type\":\"dev\"}");
    assertProblem(response, 403, "https://catalyst.dev/problems/forbidden");
    assertThat(response.body()).contains("org-admin");
    assertThat(send("POST", "/api/v1/kit/environments", ADMIN, "{\"organization\":\"muscatpharmacy\",\"type\":\"dev\"}")
        .body()).contains("muscatpharmacy-dev");
  }

  @Test
  void conflictsCarryWhatTheCallerNeedsToRetryAndTheGatewaysRequestId() throws Exception {
    var request = HttpRequest.newBuilder(uri("/api/v1/kit/conflict")).header("Authorization", "Bearer " + ADMIN)
        .header("X-Request-Id", "req-0123456789").GET().build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertProblem(response, 409, "https://catalyst.dev/problems/conflict");
    assertThat(response.body()).contains("\"currentHead\":\"abc123\"").contains("\"requestId\":\"req-0123456789\"");
  }

  @Test
  void wrongMethodWrongMediaTypeAndUnknownPathAreProblems() throws Exception {
    var wrongMethod = send("DELETE", "/api/v1/kit/environments", ADMIN, null);
    assertProblem(wrongMethod, 405, "https://catalyst.dev/problems/method-not-allowed");
    assertThat(wrongMethod.body()).contains("use one of POST");
    var request = HttpRequest.newBuilder(uri("/api/v1/kit/environments")).header("Authorization", "Bearer " + ADMIN)
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build();
    assertProblem(http.send(request, HttpResponse.BodyHandlers.ofString()), 415,
        "https://catalyst.dev/problems/unsupported-media-type");
    assertProblem(send("GET", "/api/v1/kit/nothing-here", ADMIN, null), 404, "https://catalyst.dev/problems/not-found");
  }

  @Test
  void anOversizedBodyIs413BeforeItIsRead() throws Exception {
    var response = send("POST", "/api/v1/kit/environments", ADMIN, "{\"organization\":\"" + "a".repeat(5000) + "\"}");
    assertProblem(response, 413, "https://catalyst.dev/problems/payload-too-large");
    assertThat(response.body()).contains("at most 4096 bytes");
  }

  @Test
  void anUnexpectedFailureIsAGeneric500WithATraceIdAndNoInternals() throws Exception {
    var response = send("GET", "/api/v1/kit/boom", ADMIN, null);
    assertProblem(response, 500, "https://catalyst.dev/problems/internal");
    assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException")
        .containsPattern("\"traceId\":\"[0-9a-f]{32}\"").contains("quote trace id");
  }

  @Test
  void publicPathsNeedNoTokenAndProbesAreOpen() throws Exception {
    var response = send("GET", "/api/v1/kit/public/hello", null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"authenticated\":false");
    assertThat(send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
    var metrics = send("GET", "/actuator/prometheus", TestTokens.user("root").roles("sovereign-admin").sign(), null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests_seconds_count").contains("sovereign=\"local\"");
  }

  @Test
  void theApiDocumentIsPublicAndMarksThePublicOperationsAsNeedingNoToken() throws Exception {
    var response = send("GET", "/api/v1/kit/api-docs", null, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var paths = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).get("paths");
    assertThat(paths.get("/api/v1/kit/public/hello").get("get").get("security").isEmpty()).isTrue();
    assertThat(paths.get("/api/v1/kit/whoami").get("get").has("security"))
        .as("other operations keep the document's bearer requirement").isFalse();
  }

  /** Only the gateway on the same machine reaches a service: its port is not open on any other interface. */
  @Test
  void theServiceListensOnLoopbackOnly() throws Exception {
    assertThat(send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    var others = java.net.NetworkInterface.networkInterfaces()
        .flatMap(java.net.NetworkInterface::inetAddresses)
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .toList();
    org.junit.jupiter.api.Assumptions.assumeFalse(others.isEmpty(), "this machine has no address but loopback");
    for (var address : others) {
      try (var socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress(address, port), 2000);
        org.assertj.core.api.Assertions.fail("port " + port + " answers on " + address.getHostAddress());
      } catch (java.net.ConnectException | java.net.SocketTimeoutException expected) {
        // refused: nothing listens there
      }
    }
  }

  @Test
  void feignCallsCarryTheServicesOwnClientCredentialsToken() throws Exception {
    var response = send("GET", "/api/v1/kit/ask-self", ADMIN, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"subject\":\"kit-service\"").contains("\"service\":true");
  }

  @Test
  void feignCallsCarryTheCorrelationIdOfTheWorkThatMadeThem() throws Exception {
    // The call runs on the circuit breaker's thread; the request id must still reach the other service, so the
    // events it causes carry the same correlation id as the request's own.
    var response = http.send(HttpRequest.newBuilder(uri("/api/v1/kit/ask-self"))
        .header("Authorization", "Bearer " + ADMIN).header("X-Request-Id", "req-7f3c9a21-ask-self").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"correlationId\":\"req-7f3c9a21-ask-self\"");
  }

  @Test
  void aDependencyThatIsDownIsA503ProblemNamingIt() throws Exception {
    var response = send("GET", "/api/v1/kit/quote", ADMIN, null);
    assertProblem(response, 503, "https://catalyst.dev/problems/service-unavailable");
    assertThat(response.body()).contains("billing-service is unavailable right now");
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aPersonalAccessTokenIsTheOwnersCallerLimitedToItsScopes() throws Exception {
    KitTestApplication.PERSONAL_ACCESS_TOKENS.put("cat_pat_read", Caller.ofPersonalAccessToken("ahmed",
        "muscatpharmacy", Set.of("org-admin"), Set.of("team-owners"), Set.of(), Set.of("api:read", "git:write")));
    KitTestApplication.PERSONAL_ACCESS_TOKENS.put("cat_pat_write", Caller.ofPersonalAccessToken("ahmed",
        "muscatpharmacy", Set.of("org-admin"), Set.of(), Set.of(), Set.of("api:write")));
    var read = send("GET", "/api/v1/kit/orgs/muscatpharmacy", "cat_pat_read", null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("\"caller\":\"ahmed\"").contains("org-admin").contains("team-owners");
    String body = "{\"organization\":\"muscatpharmacy\",\"type\":\"dev\"}";
    var refused = send("POST", "/api/v1/kit/environments", "cat_pat_read", body);
    assertProblem(refused, 403, "https://catalyst.dev/problems/insufficient-scope");
    assertThat(refused.body()).contains("api:write").contains("\"scope\":\"api:write\"");
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
        .contains("insufficient_scope"));
    assertThat(send("POST", "/api/v1/kit/environments", "cat_pat_write", body).body()).contains("muscatpharmacy-dev");
    assertThat(send("GET", "/api/v1/kit/orgs/muscatpharmacy", "cat_pat_write", null).statusCode())
        .as("api:write includes api:read").isEqualTo(200);
    assertThat(send("GET", "/api/v1/kit/orgs/bank-dhofar", "cat_pat_read", null).statusCode())
        .as("the owner's Organization rules apply").isEqualTo(404);
    assertProblem(send("GET", "/api/v1/kit/orgs/muscatpharmacy", "cat_pat_unknown", null), 401,
        "https://catalyst.dev/problems/unauthorized");
  }

  @Test
  void aSuspendedOrganizationsTokensAreRefusedServicesStillPass() throws Exception {
    KitTestApplication.PERSONAL_ACCESS_TOKENS.put("cat_pat_suspended", Caller.ofPersonalAccessToken("ahmed",
        "muscatpharmacy", Set.of("org-admin"), Set.of(), Set.of(), Set.of("api:read")));
    suspended.suspended("muscatpharmacy");
    try {
      var refused = send("GET", "/api/v1/kit/orgs/muscatpharmacy", ADMIN, null);
      assertProblem(refused, 403, "https://catalyst.dev/problems/organization-suspended");
      assertThat(refused.body()).contains("muscatpharmacy").contains("reactivated");
      assertProblem(send("GET", "/api/v1/kit/orgs/muscatpharmacy", "cat_pat_suspended", null), 403,
          "https://catalyst.dev/problems/organization-suspended");
      assertThat(send("GET", "/api/v1/kit/orgs/bank-dhofar",
          TestTokens.user("layla").org("bank-dhofar").roles("org-admin").sign(), null).statusCode())
          .as("other Organizations are not affected").isEqualTo(200);
      assertThat(send("GET", "/api/v1/kit/whoami", TestTokens.service("catalog-service"), null).statusCode())
          .isEqualTo(200);
      assertThat(send("GET", "/api/v1/kit/orgs/muscatpharmacy", TestTokens.user("root").roles("sovereign-admin")
          .sign(), null).statusCode()).isEqualTo(200);
    } finally {
      suspended.reactivated("muscatpharmacy");
    }
    assertThat(context.getBeansOfType(io.catalyst.platform.web.security.SuspendedOrganizationsPoller.class))
        .as("the poll of identity-service is set up (switched off here by suspension-refresh=0)").hasSize(1);
    assertThat(send("GET", "/api/v1/kit/orgs/muscatpharmacy", ADMIN, null).statusCode()).isEqualTo(200);
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"type\":\"" + type + "\"").contains("\"status\":" + status)
        .contains("\"detail\":").contains("\"instance\":").doesNotContain("\tat ");
  }

  private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
