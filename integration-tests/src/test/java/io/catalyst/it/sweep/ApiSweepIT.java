package io.catalyst.it.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.it.support.Mesh;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §3: a generated sweep through the gateway over every operation of the services' OpenAPI documents (as the
 * gateway's aggregated UI lists them), with what a careless or hostile client sends: malformed JSON, wrong types,
 * deeply nested and oversized bodies, odd and traversing path segments, odd Unicode, bad paging, and missing,
 * garbage, expired and another Organization's tokens. Whatever the input: no 5xx, every error is
 * {@code application/problem+json}, no body names a Java type or package, and another Organization's token never
 * gets a success where an anonymous caller would not.
 *
 * <p>Bounded for CI (one pass of every case over every operation); it prints how many requests it tried per route.
 */
class ApiSweepIT {

  static final List<String> SERVICES = List.of("identity", "catalog", "provisioning");
  /** Words a body written for a person never contains: Java types, packages, signatures, stack traces. */
  static final Pattern LEAK = Pattern.compile(
      "io\\.catalyst|java\\.|javax\\.|jakarta\\.|tools\\.jackson|com\\.fasterxml|org\\.springframework|org\\.eclipse"
          + "|org\\.postgresql|org\\.hibernate|Exception\\b|\\bat [a-z]+\\.[a-z]+\\.|Caused by|\\w+\\.\\w+\\(\\w+[ .]");

  static Mesh.User owner;
  static Mesh.User stranger;
  static String environment;

  @BeforeAll
  static void mesh() {
    Mesh.withCatalogAndProvisioning();
    owner = Mesh.signUp("sweep-" + UUID.randomUUID().toString().substring(0, 6));
    stranger = Mesh.signUp("other-" + UUID.randomUUID().toString().substring(0, 6));
    environment = owner.organization() + "-prod";
  }

  /** Another class's provisioning must not share consumer groups with this mesh's (see {@link Mesh}). */
  @AfterAll
  static void stopServices() {
    Mesh.stopCatalogAndProvisioning();
  }

  record Operation(String service, String method, String path, boolean hasBody, boolean stream) {}

  record Attempt(String label, String method, String path, String token, String contentType, String body) {}

  @Test
  void everyOperationAnswersEveryBadInputWithAProblemThatLeaksNothing() {
    List<Operation> operations = new ArrayList<>();
    for (String service : SERVICES) {
      operations.addAll(operations(service));
    }
    assertThat(operations).as("operations found in the services' OpenAPI documents").hasSizeGreaterThan(30);

    Map<String, Integer> tried = new TreeMap<>();
    List<Object[]> slowest = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int total = 0;
    for (Operation op : operations) {
      if (op.stream()) {
        continue; // server-sent events: swept by the stream's own tests (a valid call never ends)
      }
      for (Attempt attempt : attempts(op)) {
        total++;
        tried.merge(op.method() + " " + op.path(), 1, Integer::sum);
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
          response = send(attempt);
          slowest.add(new Object[] {(System.nanoTime() - started) / 1_000_000, attempt.label() + " "
              + attempt.method() + " " + attempt.path()});
        } catch (java.io.UncheckedIOException e) {
          // Once seen on a machine loaded far beyond CI's (3 builds beside the mesh): asked again, and only a second
          // silence is a failure; the first is printed so it is not lost.
          System.out.printf("  no answer within 30 s, asking again: %s %s %s%n", attempt.label(), attempt.method(),
              attempt.path());
          try {
            response = send(attempt);
          } catch (java.io.UncheckedIOException again) {
            failures.add("no answer (" + again.getCause() + "): " + attempt.label() + " " + attempt.method() + " "
                + attempt.path());
            continue;
          }
        }
        String failure = judge(op, attempt, response);
        if (failure != null) {
          failures.add(failure);
        }
      }
    }
    System.out.printf("API sweep: %d requests over %d operations%n", total, tried.size());
    tried.forEach((route, n) -> System.out.printf("  %4d  %s%n", n, route));
    slowest.sort((a, b) -> Long.compare((Long) b[0], (Long) a[0]));
    slowest.stream().limit(5).forEach(s -> System.out.printf("  slowest: %5d ms  %s%n", s[0], s[1]));
    failures.forEach(f -> System.out.println("SWEEP FAILURE " + f));
    assertThat(failures).as("answers that break the rules (%d of %d requests)", failures.size(), total).isEmpty();
  }

  /** What is wrong with this answer, or null. */
  static String judge(Operation op, Attempt attempt, HttpResponse<String> response) {
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    String where = attempt.label() + " " + attempt.method() + " " + attempt.path() + " → " + status + " "
        + abbreviate(body);
    if (status >= 500) {
      return "server error: " + where;
    }
    if (status >= 400) {
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!type.startsWith("application/problem+json")) {
        return "not a problem (" + type + "): " + where;
      }
    }
    Matcher leak = LEAK.matcher(body);
    if (status >= 400 && leak.find()) {
      return "names internals (" + leak.group() + "): " + where;
    }
    if ("foreign token".equals(attempt.label()) && status < 300 && namesTheOwner(op.path())) {
      HttpResponse<String> anonymous = send(new Attempt("anonymous", attempt.method(), attempt.path(), null,
          attempt.contentType(), attempt.body()));
      if (anonymous.statusCode() >= 300) {
        return "another Organization's data: " + where;
      }
    }
    return null;
  }

  /** Whether the path addresses the owner's resources (else a stranger's token reads the stranger's own). */
  static boolean namesTheOwner(String template) {
    return template.contains("{") && !fill(template, Map.of()).equals(template.replaceAll("\\{[^}]+}", "erp"));
  }

  /** The cases tried on one operation. */
  static List<Attempt> attempts(Operation op) {
    String path = fill(op.path(), Map.of());
    boolean write = !op.method().equals("GET");
    List<Attempt> attempts = new ArrayList<>();
    String json = "application/json";
    String validBody = op.hasBody() ? "{}" : null;
    // Who calls.
    attempts.add(new Attempt("no token", op.method(), path, null, json, validBody));
    attempts.add(new Attempt("garbage token", op.method(), path, "abc.def.ghi", json, validBody));
    attempts.add(new Attempt("garbage access token", op.method(), path, "cat_pat_" + "x".repeat(43), json, validBody));
    attempts.add(new Attempt("expired token", op.method(), path, expiredToken(), json, validBody));
    attempts.add(new Attempt("foreign token", op.method(), path, stranger.accessToken(), json, validBody));
    // What the path says.
    for (String odd : List.of("..%2F..%2Fetc%2Fpasswd", "%00", "UPPER-Case", "a--b", "%EF%BC%A1%EF%BC%A2",
        "%E2%80%AEevil", "x".repeat(300), "%F0%9F%92%8A")) {
      if (op.path().contains("{")) {
        attempts.add(new Attempt("odd path", op.method(), fillAll(op.path(), odd), owner.accessToken(), json,
            validBody));
      }
    }
    // Paging and queries.
    if (!write) {
      attempts.add(new Attempt("bad paging", op.method(), path + "?page=-1&size=1000000&sort=%3Bdrop&q=%27%22%3C",
          owner.accessToken(), json, null));
      attempts.add(new Attempt("odd query", op.method(), path + "?page=abc&size=&status=%00", owner.accessToken(),
          json, null));
    }
    // What the body says.
    if (op.hasBody()) {
      String token = owner.accessToken();
      attempts.add(new Attempt("empty body", op.method(), path, token, json, ""));
      attempts.add(new Attempt("malformed JSON", op.method(), path, token, json, "{\"name\": "));
      attempts.add(new Attempt("array for object", op.method(), path, token, json, "[1,2,3]"));
      attempts.add(new Attempt("string for object", op.method(), path, token, json, "\"text\""));
      attempts.add(new Attempt("wrong field types", op.method(), path, token, json,
          "{\"name\":[],\"organization\":{},\"email\":1,\"phone\":true,\"config\":\"x\",\"environment\":[1],"
              + "\"blueprint\":{\"a\":1},\"version\":[],\"role\":7,\"roles\":\"x\",\"team\":[],\"scopes\":\"api\"}"));
      attempts.add(new Attempt("odd unicode", op.method(), path, token, json,
          "{\"name\":\"\\u202eevil\\u0000\",\"organization\":\"\\ud83d\\udc8a\",\"email\":\"\\uFF21@\\uFF22\"}"));
      attempts.add(new Attempt("deep nesting", op.method(), path, token, json,
          "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
      attempts.add(new Attempt("not JSON", op.method(), path, token, "text/plain", "name=x"));
    }
    return attempts;
  }

  /** One oversized body per service is enough: the limit is enforced before routing. */
  @Test
  void anOversizedBodyIsAProblem() {
    String big = "{\"name\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
    for (String path : List.of("/api/v1/provisioning/environments", "/api/v1/catalog/validate",
        "/api/v1/identity/signup/email")) {
      HttpResponse<String> response = send(new Attempt("oversized", "POST", path, owner.accessToken(),
          "application/json", big));
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
  }

  static String fill(String template, Map<String, String> overrides) {
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = overrides.getOrDefault(name, valueFor(name));
      m.appendReplacement(b, Matcher.quoteReplacement(value));
    }
    m.appendTail(b);
    return b.toString();
  }

  static String fillAll(String template, String value) {
    return template.replaceAll("\\{[^}]+}", Matcher.quoteReplacement(value));
  }

  /** A plausible value of the owner's for a path parameter, by its name. */
  static String valueFor(String name) {
    String n = name.toLowerCase();
    if (n.equals("org") || n.equals("organization") || n.equals("slug") || n.equals("owner")) {
      return owner.organization();
    }
    if (n.startsWith("env")) {
      return environment;
    }
    if (n.contains("userid") || n.equals("id") || n.endsWith("id")) {
      return n.equals("clientid") ? "catalyst-console" : UUID.randomUUID().toString();
    }
    if (n.equals("version")) {
      return "1.0.0";
    }
    if (n.contains("blueprint")) {
      return "bp-erp";
    }
    if (n.equals("team")) {
      return "team-platform";
    }
    if (n.equals("repo")) {
      return "shared-blueprints";
    }
    return "erp";
  }

  /** A token shaped like ours whose expiry is long past (its signature is not one identity-service made). */
  static String expiredToken() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"sub\":\"" + owner.userId() + "\",\"org\":\"" + owner.organization()
        + "\",\"iss\":\"" + Mesh.publicUrl() + "\",\"exp\":1000000000,\"iat\":999999000,\"roles\":[\"org-admin\"]}")
        .getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + "." + b64.encodeToString(new byte[256]);
  }

  static List<Operation> operations(String service) {
    HttpResponse<String> docs = Mesh.send(Mesh.request("/api/v1/" + service + "/api-docs").GET().build());
    assertThat(docs.statusCode()).as(service + " api-docs: " + docs.body()).isEqualTo(200);
    Map<String, Map<String, Object>> paths = JsonPath.read(docs.body(), "$.paths");
    List<Operation> operations = new ArrayList<>();
    Set<String> methods = Set.of("get", "post", "put", "patch", "delete");
    paths.forEach((path, item) -> item.forEach((method, detail) -> {
      if (!methods.contains(method) || !(detail instanceof Map<?, ?> d)) {
        return;
      }
      boolean body = d.containsKey("requestBody");
      boolean stream = String.valueOf(d.get("responses")).contains("text/event-stream");
      operations.add(new Operation(service, method.toUpperCase(), path, body, stream));
    }));
    return operations;
  }

  static HttpResponse<String> send(Attempt a) {
    HttpRequest.Builder request = Mesh.request(a.path()).timeout(Duration.ofSeconds(30));
    if (a.token() != null) {
      request.header("Authorization", "Bearer " + a.token());
    }
    HttpRequest.BodyPublisher body = a.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(a.body());
    if (a.body() != null) {
      request.header("Content-Type", a.contentType());
    }
    request.method(a.method(), body);
    return Mesh.send(request.build());
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 300 ? one.substring(0, 300) + "…" : one;
  }

}
