package io.catalyst.gateway;

import io.catalyst.platform.core.ProblemTypes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** Errors the gateway answers itself are problems too: 413, 404, 405. */
class RequestLimitsTest extends GatewayTestBase {

  private static final int LIMIT = 64 * 1024; // catalyst.gateway.max-request-size in the tests

  @Test
  void aBodyDeclaredLargerThanTheLimitIsA413Problem() {
    client.post().uri("/api/v1/catalog/blueprints").header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken())
        .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[LIMIT + 1])
        .exchange()
        .expectStatus().isEqualTo(413)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE.toString())
        .jsonPath("$.detail").isEqualTo("The request body is larger than the 65536 bytes the API accepts; send a smaller body.")
        .jsonPath("$.requestId").isNotEmpty();
  }

  @Test
  void aChunkedBodyIsCutOffWhenItPassesTheLimit() {
    Flux<DataBuffer> chunks = Flux.range(0, 10).map(i -> chunk(16 * 1024)); // 160 KiB, no Content-Length
    client.post().uri("/api/v1/catalog/blueprints").header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken())
        .contentType(MediaType.APPLICATION_OCTET_STREAM).body(chunks, DataBuffer.class)
        .exchange()
        .expectStatus().isEqualTo(413)
        .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE.toString());
  }

  @Test
  void aBodyWithinTheLimitPasses() {
    client.post().uri("/api/v1/catalog/blueprints").header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken())
        .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[LIMIT])
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.bodyBytes").isEqualTo(LIMIT);
  }

  @Test
  void anUnknownPathIsA404Problem() {
    client.get().uri("/no/such/thing").exchange()
        .expectStatus().isNotFound()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString())
        .jsonPath("$.title").isEqualTo("Not Found")
        .jsonPath("$.status").isEqualTo(404)
        .jsonPath("$.instance").isEqualTo("/no/such/thing")
        .jsonPath("$.requestId").isNotEmpty();
  }

  @Test
  void anUnknownApiPathWithATokenIsA404Problem() {
    client.get().uri("/api/v2/nothing").header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken()).exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString());
  }

  @Test
  void anUnsupportedMethodOnTheGatewaysOwnPagesIsA405Problem() {
    client.delete().uri("/index.html").exchange()
        .expectStatus().isEqualTo(405)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.METHOD_NOT_ALLOWED.toString());
  }

  private static DataBuffer chunk(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'x');
    return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
  }
}
