package io.catalyst.identity.messaging;

import io.catalyst.identity.otp.SmsSender;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through a provider's HTTP API: a POST of a templated JSON or form body to the configured URL with the API key
 * in a header. Any 2xx is accepted; anything else, or no answer, is a 503 to the user (nothing was sent).
 */
class HttpSmsSender implements SmsSender {

  private static final Logger log = LoggerFactory.getLogger(HttpSmsSender.class);
  static final String JSON_BODY = "{\"to\":\"{to}\",\"from\":\"{from}\",\"text\":\"{text}\"}";
  static final String FORM_BODY = "to={to}&from={from}&text={text}";

  private final SmsSettings.Http http;
  private final String sender;
  private final URI url;
  private final String template;
  private final HttpClient client;

  HttpSmsSender(SmsSettings.Http http, String sender) {
    this.http = http;
    this.sender = sender;
    this.url = URI.create(http.url());
    boolean json = http.format() == SmsSettings.Http.Format.JSON;
    this.template = http.body() == null || http.body().isBlank() ? (json ? JSON_BODY : FORM_BODY) : http.body();
    this.client = HttpClient.newBuilder().connectTimeout(http.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public void send(String phone, String text) {
    boolean json = http.format() == SmsSettings.Http.Format.JSON;
    UnaryOperator<String> escape = json ? HttpSmsSender::jsonString : v -> URLEncoder.encode(v, StandardCharsets.UTF_8);
    String body = template.replace("{to}", escape.apply(phone)).replace("{from}", escape.apply(sender))
        .replace("{text}", escape.apply(text));
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(http.timeout())
        .header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (http.apiKey() != null && !http.apiKey().isBlank()) {
      request.header(http.apiKeyHeader(), http.apiKeyPrefix() + http.apiKey());
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        log.error("SMS provider {} answered {}: {}", url.getHost(), response.statusCode(),
            abbreviate(response.body()));
        throw Undelivered.problem("text message", "sms-gateway", Duration.ofSeconds(30));
      }
    } catch (IOException e) {
      log.warn("SMS provider {} unreachable: {}", url.getHost(), e.toString());
      throw Undelivered.problem("text message", "sms-gateway", Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Undelivered.problem("text message", "sms-gateway", Duration.ofSeconds(30));
    }
  }

  /** The content of a JSON string literal (the template supplies the quotes). */
  static String jsonString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }
}
