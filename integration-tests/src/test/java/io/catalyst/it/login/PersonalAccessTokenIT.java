package io.catalyst.it.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.it.support.Mesh;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Personal access tokens as bearer tokens through the gateway: checked at identity-service (introspection, cached
 * briefly), {@code api:read} to read and {@code api:write} to change, forwarded unchanged, refused soon after
 * revocation.
 */
class PersonalAccessTokenIT {

  @Test
  void aReadOnlyTokenReadsButCannotChange() {
    Mesh.User user = Mesh.signUp(ConsoleLoginIT.uniqueSlug());
    String organization = "/api/v1/identity/organizations/" + user.organization();
    String pat = JsonPath.read(createToken(user, "[\"api:read\"]").body(), "$.token");
    assertThat(pat).startsWith("cat_pat_");

    HttpResponse<String> write = rename(organization, pat);
    assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
    assertThat(write.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(write.body()).contains("api:write");

    // Through the gateway unchanged; the service checks the PAT again.
    HttpResponse<String> read = Mesh.send(withPat(Mesh.request(organization), pat).GET().build());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat((String) JsonPath.read(read.body(), "$.slug")).isEqualTo(user.organization());
  }

  @Test
  void aRevokedTokenIsRefusedByTheGatewayWithinItsCacheTime() {
    Mesh.User user = Mesh.signUp(ConsoleLoginIT.uniqueSlug());
    String organization = "/api/v1/identity/organizations/" + user.organization();
    HttpResponse<String> created = createToken(user, "[\"api:read\"]");
    String pat = JsonPath.read(created.body(), "$.token");
    String id = JsonPath.read(created.body(), "$.id");
    // The gateway has asked identity-service and remembers "active" (the scope check answers before any service).
    assertThat(rename(organization, pat).statusCode()).isEqualTo(403);

    HttpResponse<String> revoked = Mesh.send(Mesh.request("/api/v1/identity/tokens/" + id)
        .header("Authorization", "Bearer " + user.accessToken()).DELETE().build());
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
    Instant revokedAt = Instant.now();

    // It may still believe its cached answer for up to its cache time, not longer.
    await().atMost(Mesh.PAT_ACTIVE_CACHE.plusSeconds(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(rename(organization, pat).statusCode()).isEqualTo(401));
    assertThat(Duration.between(revokedAt, Instant.now())).isLessThan(Mesh.PAT_ACTIVE_CACHE.plusSeconds(3));
    HttpResponse<String> refused = Mesh.send(withPat(Mesh.request(organization), pat).GET().build());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).contains("invalid_token"));
    assertThat(refused.body()).as("refused by the gateway")
        .contains("personal access token is unknown, expired or revoked");
  }

  @Test
  void anUnknownTokenIsA401Problem() {
    HttpResponse<String> r = Mesh.send(withPat(Mesh.request("/api/v1/identity/organizations/acme"),
        "cat_pat_thisIsNotAToken0000000000000000000000").GET().build());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  private static HttpResponse<String> createToken(Mesh.User user, String scopes) {
    HttpResponse<String> created = Mesh.send(Mesh.request("/api/v1/identity/tokens")
        .header("Authorization", "Bearer " + user.accessToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ci\",\"scopes\":" + scopes + ",\"expiresInDays\":7}"))
        .build());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created;
  }

  private static HttpResponse<String> rename(String organization, String pat) {
    return Mesh.send(withPat(Mesh.request(organization), pat).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Written with a read token\"}"))
        .build());
  }

  private static HttpRequest.Builder withPat(HttpRequest.Builder request, String pat) {
    return request.header("Authorization", "Bearer " + pat).header("Accept", "application/json");
  }
}
