package io.catalyst.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.gateway.GatewayTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A path the firewall refuses is a 400 problem that says what to fix, not an empty answer (issue 12 §3). */
class RejectedPathTest extends GatewayTestBase {

  @Test
  void encodedSlashesAndNulCharactersAreA400Problem() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"/api/v1/catalog/blueprints/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/provisioning/environments/%00", "/api/v1/identity/organizations/a%5Cb"}) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .header("Authorization", "Bearer " + validToken()).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(response.body()).contains("\"status\":400", "not allowed in a path", "\"requestId\"");
    }
  }
}
