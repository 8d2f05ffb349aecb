package io.catalyst.identity.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.catalyst.platform.web.problem.ProblemException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic HTTP SMS adapter against a provider's API, played by the JDK's HTTP server in the same JVM (the
 * provider is a boundary we do not own): what arrives is the request a provider would get.
 */
class HttpSmsSenderTest {

  record Request(String method, String path, Map<String, String> headers, String body) {}

  private HttpServer provider;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private volatile int answer = 202;

  @BeforeEach
  void provider() throws IOException {
    provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    provider.createContext("/v1/messages", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> e.getValue().getFirst()));
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
      byte[] out = "{\"id\":\"msg-1\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    provider.start();
  }

  @AfterEach
  void stop() {
    provider.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1/messages";
  }

  private HttpSmsSender sender(SmsSettings.Http.Format format, String body) {
    return new HttpSmsSender(new SmsSettings.Http(url(), format, body, "Authorization", "Bearer ",
        "provider-api-key-from-a-secret", Duration.ofSeconds(3)), "Omantel");
  }

  @Test
  void postsJsonWithTheApiKeyAndTheCodeEscaped() throws Exception {
    sender(SmsSettings.Http.Format.JSON, null).send("+96891234567", "Your \"Catalyst\" code is 123456.\nبلا");

    Request r = requests.poll(5, TimeUnit.SECONDS);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/messages");
    assertThat(r.headers()).containsEntry("authorization", "Bearer provider-api-key-from-a-secret")
        .containsEntry("content-type", "application/json");
    JsonNode json = JsonMapper.builder().build().readTree(r.body());
    assertThat(json.get("to").asString()).isEqualTo("+96891234567");
    assertThat(json.get("from").asString()).isEqualTo("Omantel");
    assertThat(json.get("text").asString()).isEqualTo("Your \"Catalyst\" code is 123456.\nبلا");
  }

  @Test
  void postsAFormFromATemplate() throws Exception {
    sender(SmsSettings.Http.Format.FORM, "msisdn={to}&sender={from}&message={text}&type=otp")
        .send("+96891234567", "Your Catalyst code is 123456 & more");

    Request r = requests.poll(5, TimeUnit.SECONDS);
    assertThat(r.headers()).containsEntry("content-type", "application/x-www-form-urlencoded");
    Map<String, String> form = Stream.of(r.body().split("&")).map(kv -> kv.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    assertThat(form).containsEntry("msisdn", "+96891234567").containsEntry("sender", "Omantel")
        .containsEntry("message", "Your Catalyst code is 123456 & more").containsEntry("type", "otp");
  }

  @Test
  void aProviderErrorOrNoProviderIsA503() {
    answer = 500;
    assertThatThrownBy(() -> sender(SmsSettings.Http.Format.JSON, null).send("+96891234567", "code 1"))
        .isInstanceOfSatisfying(ProblemException.class,
            p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    provider.stop(0);
    assertThatThrownBy(() -> sender(SmsSettings.Http.Format.JSON, null).send("+96891234567", "code 2"))
        .isInstanceOfSatisfying(ProblemException.class,
            p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
  }
}
