package io.catalyst.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Git smart HTTP goes through untouched and streamed: the Git host authenticates, pushes are not buffered. */
class GitStreamingTest extends GatewayTestBase {

  private static final String RECEIVE_PACK = "/git/acme/shop.git/git-receive-pack";
  private static final int MIB = 1024 * 1024;
  private static final int PUSH_MIB = 50;

  @Test
  void theGitHostsChallengeReachesTheGitClient() {
    client.get().uri("/git/acme/shop.git/info/refs?service=git-upload-pack").exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Catalyst Git\"")
        .expectBody(String.class).isEqualTo("Authentication required\n");
  }

  @Test
  void credentialsForTheGitHostAreNotCheckedByTheGateway() {
    client.get().uri("/git/acme/shop.git/info/refs?service=git-upload-pack")
        .header(HttpHeaders.AUTHORIZATION, "Bearer a-personal-access-token-not-a-jwt").exchange()
        .expectStatus().isOk();
  }

  @Test
  void aLargePushIsStreamedToTheGitHostIntact() {
    long before = BACKEND.gitBytesReceived();
    // The first MiB goes out; the rest only once the Git host has started receiving. A gateway that buffered the
    // body before forwarding it would never let the host see a byte, and this upload would time out.
    Mono<Void> hostIsReceiving = Flux.interval(Duration.ofMillis(5))
        .filter(tick -> BACKEND.gitBytesReceived() > before)
        .next().then()
        .timeout(Duration.ofSeconds(10), Mono.error(new TimeoutException("the gateway held the body back")));
    Flux<DataBuffer> pack = Flux.concat(
        chunks(1),
        hostIsReceiving.thenMany(chunks(PUSH_MIB - 1)));

    client.post().uri(RECEIVE_PACK)
        .header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString("layla:pat".getBytes()))
        .contentType(MediaType.parseMediaType("application/x-git-receive-pack-request"))
        .body(pack, DataBuffer.class)
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.bytes").isEqualTo((long) PUSH_MIB * MIB);

    assertThat(BACKEND.gitBytesReceived() - before).isEqualTo((long) PUSH_MIB * MIB);
  }

  private static Flux<DataBuffer> chunks(int mebibytes) {
    byte[] mib = new byte[MIB];
    return Flux.range(0, mebibytes).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(mib));
  }
}
