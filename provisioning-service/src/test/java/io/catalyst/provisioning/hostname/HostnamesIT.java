package io.catalyst.provisioning.hostname;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.ProvisioningIntegrationTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The wizard's subdomain: the availability check, installs with a chosen subdomain, the unique hostname, uninstall. */
class HostnamesIT extends ProvisioningIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String CHECK = "/api/v1/provisioning/hostnames/availability?subdomain=";

  JsonNode check(String token, String subdomain) {
    HttpResponse<String> r = call("GET", CHECK + subdomain, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  String environment(String org) {
    assertThat(call("POST", "/api/v1/provisioning/environments", token("root", org, "org-admin"),
        "{\"organization\":\"" + org + "\",\"type\":\"dev\"}").statusCode()).isIn(201, 409);
    return org + "-dev";
  }

  @Test
  void theCheckAnswersAvailabilityWithTheReason() {
    String dev = token("d", "hn-check", "org-developer");
    String free = "free" + ThreadLocalRandom.current().nextInt(1_000_000);
    JsonNode ok = check(dev, free);
    assertThat(ok.get("available").asBoolean()).isTrue();
    assertThat(ok.get("hostname").asString()).isEqualTo(free + ".catalyst.localhost");
    assertThat(ok.get("subdomain").asString()).isEqualTo(free);
    assertThat(ok.get("reason").isNull()).isTrue();

    JsonNode reserved = check(dev, "api");
    assertThat(reserved.get("available").asBoolean()).isFalse();
    assertThat(reserved.get("reason").asString()).contains("reserved");
    assertThat(check(dev, "Shop").get("reason").asString()).contains("lower case");
    assertThat(check(dev, "muscat-prod").get("reason").asString()).contains("Environment name");
    assertThat(check(dev, "a-").get("available").asBoolean()).isFalse();

    HttpResponse<String> missing = call("GET", "/api/v1/provisioning/hostnames/availability", dev);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(missing.body()).contains("subdomain");
    assertThat(call("GET", CHECK + "shop", null).statusCode()).isEqualTo(401);
  }

  @Test
  void anInstallTakesItsChosenSubdomainOnceAndTheUninstallFreesIt() {
    String org = "hn-install";
    String env = environment(org);
    String admin = token("root", org, "org-admin");
    String sub = "cache" + ThreadLocalRandom.current().nextInt(1_000_000);
    String base = "/api/v1/provisioning/environments/" + env;

    // Rules are 400s with pointers; an Application the install does not have too.
    HttpResponse<String> bad = call("POST", base + "/install-plans", admin,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"hn-bad\",\"subdomain\":\"api\"}");
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).contains("/subdomain", "reserved");
    HttpResponse<String> unknown = call("POST", base + "/install-plans", admin,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"hn-bad\",\"subdomains\":{\"nope\":\"x-nope\"}}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("/subdomains/nope");

    HttpResponse<String> plan = call("POST", base + "/install-plans", admin,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"hn-cache\",\"subdomain\":\"" + sub + "\"}");
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
    assertThat(plan.body()).contains("\"hostname\":\"" + sub + ".catalyst.localhost\"");
    HttpResponse<String> applied = call("POST", base + "/install-plans/" + JSON.readTree(plan.body()).get("id")
        .asString() + "/apply", admin, null);
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
    assertThat(jdbc.sql("select hostname from application where organization = :o and name = 'hn-cache'")
        .param("o", org).query(String.class).single()).isEqualTo(sub + ".catalyst.localhost");
    assertThat(check(admin, sub).get("available").asBoolean()).isFalse();
    assertThat(check(admin, sub).get("reason").asString()).contains("taken");

    // Another Organization asking for it: 409 at plan time.
    String other = environment("hn-other");
    HttpResponse<String> taken = call("POST", "/api/v1/provisioning/environments/" + other + "/install-plans",
        token("root", "hn-other", "org-admin"),
        "{\"blueprint\":\"bp-valkey\",\"name\":\"hn-cache2\",\"subdomain\":\"" + sub + "\"}");
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
    assertThat(taken.body()).contains(sub + ".catalyst.localhost");

    // Uninstall frees it.
    assertThat(call("DELETE", base + "/applications/hn-cache", admin).statusCode()).isEqualTo(200);
    assertThat(check(admin, sub).get("available").asBoolean()).isTrue();
  }

  @Test
  void losingTheRaceForASubdomainAtApplyIsA409AndLeavesNothing() {
    String org = "hn-race";
    String env = environment(org);
    String admin = token("root", org, "org-admin");
    String sub = "race" + ThreadLocalRandom.current().nextInt(1_000_000);
    String base = "/api/v1/provisioning/environments/" + env;
    HttpResponse<String> plan = call("POST", base + "/install-plans", admin,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"race-cache\",\"subdomain\":\"" + sub + "\"}");
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
    // Another install takes the hostname between plan and apply.
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("""
        insert into application (organization, name, environment, blueprint, version, backing_service, hostname,
                                 status, created_at, created_by, updated_at)
        values (:o, 'winner', :e, 'bp-valkey', '8.1.3', true, :h, 'Installing', :now, 'root', :now)""")
        .param("o", org).param("e", env).param("h", sub + ".catalyst.localhost").param("now", now).update();

    HttpResponse<String> applied = call("POST", base + "/install-plans/" + JSON.readTree(plan.body()).get("id")
        .asString() + "/apply", admin, null, Map.of("Idempotency-Key", "race-" + sub));
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(409);
    assertThat(applied.body()).contains(sub + ".catalyst.localhost", "availability");
    assertThat(jdbc.sql("select count(*) from application where organization = :o and name = 'race-cache'")
        .param("o", org).query(Long.class).single()).isZero();
  }

  @Test
  void aPlannedSubdomainIsHeldForItsOrganizationUntilAppliedOrExpired() {
    String envA = environment("hn-hold-a");
    String envB = environment("hn-hold-b");
    String adminA = token("root", "hn-hold-a", "org-admin");
    String adminB = token("root", "hn-hold-b", "org-admin");
    String sub = "hold" + ThreadLocalRandom.current().nextInt(1_000_000);
    String hostname = sub + ".catalyst.localhost";
    String plansA = "/api/v1/provisioning/environments/" + envA + "/install-plans";
    String plansB = "/api/v1/provisioning/environments/" + envB + "/install-plans";

    HttpResponse<String> planA = call("POST", plansA, adminA,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"hold-a\",\"subdomain\":\"" + sub + "\"}");
    assertThat(planA.statusCode()).as(planA.body()).isEqualTo(201);
    // held for A: A still sees it available, B does not, and B's plan for it is a 409
    assertThat(check(adminA, sub).get("available").asBoolean()).isTrue();
    JsonNode forB = check(adminB, sub);
    assertThat(forB.get("available").asBoolean()).isFalse();
    assertThat(forB.get("reason").asString()).contains("held for another install");
    HttpResponse<String> planB = call("POST", plansB, adminB,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"hold-b\",\"subdomain\":\"" + sub + "\"}");
    assertThat(planB.statusCode()).as(planB.body()).isEqualTo(409);
    assertThat(planB.body()).contains(hostname, "held for another install");
    assertThat(jdbc.sql("select organization from hostname_reservation where hostname = :h").param("h", hostname)
        .query(String.class).single()).isEqualTo("hn-hold-a");

    // A's hold expires and B plans it: B holds it now, and A's old plan cannot take it any more (nothing is left)
    jdbc.sql("update hostname_reservation set expires_at = now() - interval '1 second' where hostname = :h")
        .param("h", hostname).update();
    assertThat(check(adminB, sub).get("available").asBoolean()).isTrue();
    HttpResponse<String> planB2 = call("POST", plansB, adminB,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"hold-b\",\"subdomain\":\"" + sub + "\"}");
    assertThat(planB2.statusCode()).as(planB2.body()).isEqualTo(201);
    HttpResponse<String> lateA = call("POST", plansA + "/" + JSON.readTree(planA.body()).get("id").asString()
        + "/apply", adminA, null);
    assertThat(lateA.statusCode()).as(lateA.body()).isEqualTo(409);
    assertThat(lateA.body()).contains(hostname, "held for another install");
    assertThat(jdbc.sql("select count(*) from application where organization = 'hn-hold-a' and name = 'hold-a'")
        .query(Long.class).single()).isZero();

    // B applies: the Application has the hostname and the hold is gone
    HttpResponse<String> appliedB = call("POST", plansB + "/" + JSON.readTree(planB2.body()).get("id").asString()
        + "/apply", adminB, null);
    assertThat(appliedB.statusCode()).as(appliedB.body()).isEqualTo(201);
    assertThat(jdbc.sql("select hostname from application where organization = 'hn-hold-b' and name = 'hold-b'")
        .query(String.class).single()).isEqualTo(hostname);
    assertThat(jdbc.sql("select count(*) from hostname_reservation where hostname = :h").param("h", hostname)
        .query(Long.class).single()).isZero();
    assertThat(check(adminA, sub).get("reason").asString()).contains("taken");
  }
}
