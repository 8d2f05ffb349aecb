package io.catalyst.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the local stack once with a demo Organization, so every API and screen has data right away: Organization
 * {@code demo} with a user in each role, a team, the Environments {@code demo-dev}, {@code demo-stg} and
 * {@code demo-prod}, and Applications in each at different Blueprint versions. Everything goes through the public
 * API of the gateway, as a person would do it (sign-up, invitations, installs), so the demo data is exactly what the
 * product makes.
 *
 * <p>Passwords are generated on the first run and written to {@code <data>/demo-logins} (mode 600) before anything
 * else, so a run that stopped half-way can be repeated: every step accepts "already there". When everything is in
 * place it writes {@code <data>/demo-seeded}; {@code ./catalyst up} only calls it while that file is missing.
 *
 * <p>Usage: {@code DemoSeeder <gateway-url> <data-dir>}; exit code 0 when seeded, 1 with the reason otherwise.
 */
public final class DemoSeeder {

  static final String ORG = "demo";
  static final String TEAM = "team-platform";
  static final String DOMAIN = "demo.example.com";

  /** The people of the demo Organization: login name → role (the first is the org-admin who signs up). */
  static final List<Person> PEOPLE = List.of(
      new Person("admin", "Dana Admin", "org-admin", List.of()),
      new Person("developer", "Dev Eloper", "org-developer", List.of("demo-dev", "demo-stg")),
      new Person("viewer", "Vic Viewer", "org-viewer", List.of()),
      new Person("security", "Sam Security", "security-officer", List.of()),
      new Person("billing", "Bea Billing", "billing-admin", List.of()));

  /** Applications per Environment, at different versions of the same Blueprints where the catalog has several. */
  static final List<Install> INSTALLS = List.of(
      new Install("demo-dev", "blog", "bp-wordpress", "6.8.2",
          Map.of("domain", "blog.demo-dev." + DOMAIN, "adminEmail", "admin@" + DOMAIN)),
      new Install("demo-dev", "status", "bp-uptime-kuma", "1.23.16", Map.of("domain", "status.demo-dev." + DOMAIN)),
      new Install("demo-stg", "sso", "bp-keycloak", "25.0.6",
          Map.of("domain", "sso.demo-stg." + DOMAIN, "adminEmail", "admin@" + DOMAIN)),
      new Install("demo-prod", "website", "bp-wordpress", "6.7.2",
          Map.of("domain", "www." + DOMAIN, "adminEmail", "admin@" + DOMAIN)),
      new Install("demo-prod", "pharmacy", "bp-bundle-pharmacy", "1.2.0",
          Map.of("pharmacyName", "Demo Pharmacy", "domain", "shop." + DOMAIN, "adminEmail", "admin@" + DOMAIN)));

  record Person(String login, String name, String role, List<String> environments) {
    String email() {
      return login + "@" + DOMAIN;
    }
  }

  record Install(String environment, String name, String blueprint, String version, Map<String, Object> config) {}

  private final ObjectMapper json = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String gateway;
  private final Path data;

  DemoSeeder(String gateway, Path data) {
    this.gateway = gateway.replaceAll("/+$", "");
    this.data = data;
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: DemoSeeder <gateway-url> <data-dir>");
      System.exit(2);
    }
    try {
      new DemoSeeder(args[0], Path.of(args[1])).seed();
    } catch (Exception e) {
      System.err.println("demo data not seeded: " + e.getMessage());
      System.exit(1);
    }
  }

  void seed() throws IOException, InterruptedException {
    Instant started = Instant.now();
    Properties passwords = passwords();
    Person admin = PEOPLE.getFirst();
    String adminToken = signUpOrLogIn(admin, passwords.getProperty(admin.login()));
    step("Organization " + ORG + " with its org-admin " + admin.email());

    await("Environment demo-prod (made by provisioning when the Organization was created)",
        () -> get("/api/v1/provisioning/environments/demo-prod", adminToken).statusCode() == 200);
    for (String type : List.of("dev", "stg")) {
      expect(post("/api/v1/provisioning/environments", adminToken, Map.of("organization", ORG, "type", type), null),
          "create Environment demo-" + type, 201, 409);
    }
    step("Environments demo-dev, demo-stg, demo-prod");

    expect(post("/api/v1/identity/organizations/" + ORG + "/teams", adminToken,
        Map.of("name", TEAM, "displayName", "Platform team"), null), "create " + TEAM, 201, 409);
    Map<String, String> members = members(adminToken);
    for (Person person : PEOPLE.subList(1, PEOPLE.size())) {
      if (!members.containsKey(person.email())) {
        join(adminToken, person, passwords.getProperty(person.login()));
      }
    }
    members = members(adminToken);
    for (String login : List.of("admin", "developer")) {
      String userId = members.get(login + "@" + DOMAIN);
      expect(put("/api/v1/identity/organizations/" + ORG + "/teams/" + TEAM + "/members/" + userId, adminToken),
          "add " + login + " to " + TEAM, 204);
    }
    step("Members: " + String.join(", ", PEOPLE.stream().map(p -> p.login() + " (" + p.role() + ")").toList())
        + "; " + TEAM + " = admin, developer");

    for (Install install : INSTALLS) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("blueprint", install.blueprint());
      body.put("version", install.version());
      body.put("name", install.name());
      body.put("config", install.config());
      body.put("team", TEAM);
      HttpResponse<String> r = post("/api/v1/provisioning/environments/" + install.environment() + "/applications",
          adminToken, body, "demo-seed-" + install.environment() + "-" + install.name());
      if (r.statusCode() == 409 && r.body().contains("taken")) {
        continue; // installed by an earlier run
      }
      expect(r, "install " + install.name() + " (" + install.blueprint() + " " + install.version() + ") in "
          + install.environment(), 200, 201);
    }
    step("Applications: " + String.join(", ", INSTALLS.stream()
        .map(i -> i.environment() + "/" + i.name() + " " + i.blueprint() + "@" + i.version()).toList()));

    Files.writeString(data.resolve("demo-seeded"), Instant.now() + "\n");
    System.out.printf("Demo data seeded in %.1f s.%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
  }

  /** The demo passwords: read from {@code demo-logins}, or generated and written there (mode 600) first. */
  Properties passwords() throws IOException {
    Path file = data.resolve("demo-logins");
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (var in = Files.newBufferedReader(file)) {
        p.load(in);
      }
    }
    boolean changed = false;
    for (Person person : PEOPLE) {
      if (p.getProperty(person.login()) == null) {
        p.setProperty(person.login(), password());
        changed = true;
      }
    }
    if (changed) {
      StringBuilder text = new StringBuilder("# Demo Organization '" + ORG + "': <login>=<password>; the email is "
          + "<login>@" + DOMAIN + "\n");
      for (Person person : PEOPLE) {
        text.append(person.login()).append('=').append(p.getProperty(person.login())).append('\n');
      }
      Files.createDirectories(data);
      Path tmp = Files.createTempFile(data, "demo-logins", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, text);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return p;
  }

  /** Four random words are hard to remember; 16 characters of an unambiguous alphabet pass the password policy. */
  static String password() {
    String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder("Demo-");
    for (int i = 0; i < 14; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private String signUpOrLogIn(Person admin, String password) throws IOException, InterruptedException {
    await("identity-service through the gateway", () -> {
      int status = get("/api/v1/identity/organizations/slug-availability?slug=" + ORG, null).statusCode();
      return status == 200;
    });
    // A later start logs in; the first signs up by email with the code mailed to it (read from the dev inbox).
    HttpResponse<String> r = post("/api/v1/identity/login/password", null, Map.of("email", admin.email(),
        "password", password), null);
    if (r.statusCode() != 200) {
      r = post("/api/v1/identity/signup/email", null, Map.of("email", admin.email(), "code", mailedCode(admin.email()),
          "password", password, "businessName", "Demo Pharmacy", "organization", ORG, "name", admin.name()), null);
      if (r.statusCode() == 409) {
        throw new IllegalStateException("Organization '" + ORG + "' or " + admin.email() + " exists but the "
            + "password in " + data.resolve("demo-logins") + " does not fit (./catalyst reset starts over)");
      }
      expect(r, "sign up " + admin.email(), 201);
    }
    return json.readTree(r.body()).path("accessToken").asString();
  }

  /** A one-time code mailed to {@code email} (an email sign-up proves the address), read from the dev inbox. */
  private String mailedCode(String email) throws IOException, InterruptedException {
    expect(post("/api/v1/identity/otp", null, Map.of("email", email), null), "mail a sign-up code to " + email, 202);
    HttpResponse<String> inbox = get("/api/v1/identity/dev/inbox?to=" + email, null);
    expect(inbox, "read the code from the dev inbox (CATALYST_DEV_INBOX=true)", 200);
    return inbox.body().replaceAll("(?s).*?code is (\\d{6}).*", "$1");
  }

  private void join(String adminToken, Person person, String password) throws IOException, InterruptedException {
    Map<String, Object> invite = new LinkedHashMap<>();
    invite.put("email", person.email());
    invite.put("role", person.role());
    if (!person.environments().isEmpty()) {
      invite.put("environments", person.environments());
    }
    HttpResponse<String> r = post("/api/v1/identity/organizations/" + ORG + "/invitations", adminToken, invite, null);
    expect(r, "invite " + person.email(), 201);
    String token = json.readTree(r.body()).path("token").asString();
    expect(post("/api/v1/identity/signup/invitation", null, Map.of("token", token, "email", person.email(),
        "code", mailedCode(person.email()), "password", password, "name", person.name()), null),
        "sign up " + person.email(), 201);
  }

  /** Email → user id of the Organization's members. */
  private Map<String, String> members(String token) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v1/identity/organizations/" + ORG + "/members?size=100", token);
    expect(r, "list members", 200);
    Map<String, String> byEmail = new LinkedHashMap<>();
    for (JsonNode m : json.readTree(r.body()).path("items")) {
      byEmail.put(m.path("email").asString(), m.path("userId").asString());
    }
    return byEmail;
  }

  private static void step(String done) {
    System.out.println("  demo: " + done);
  }

  private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).GET().build());
  }

  private HttpResponse<String> put(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpResponse<String> post(String path, String token, Object body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return send(b.build());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> r, String what, int... accepted) {
    for (int status : accepted) {
      if (r.statusCode() == status) {
        return;
      }
    }
    throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
  }

  interface Check {
    boolean ok() throws IOException, InterruptedException;
  }

  private static void await(String what, Check check) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    List<String> errors = new ArrayList<>();
    while (Instant.now().isBefore(deadline)) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (IOException e) {
        errors.add(e.toString());
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(what + " not there after 90 s" + (errors.isEmpty() ? "" : ": "
        + errors.getLast()));
  }
}
