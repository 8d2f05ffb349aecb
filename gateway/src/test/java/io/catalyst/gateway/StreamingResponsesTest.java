package io.catalyst.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/** An event stream outlives the time limiter of ordinary calls (2 s in the tests) and arrives whole. */
class StreamingResponsesTest extends GatewayTestBase {

  @Test
  void serverSentEventsStreamLongerThanTheTimeLimiter() {
    List<ServerSentEvent<String>> events = client.get().uri("/api/v1/provisioning/applications/shop/events")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken())
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus().isOk()
        .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
        .getResponseBody()
        .collectList()
        .block(Duration.ofSeconds(10));

    assertThat(events).extracting(ServerSentEvent::id).containsExactly("0", "1", "2", "3");
  }
}
