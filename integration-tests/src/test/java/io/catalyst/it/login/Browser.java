package io.catalyst.it.login;

import io.catalyst.it.support.Mesh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser as far as the login needs one: a cookie jar, navigations that accept HTML, redirects followed one hop
 * at a time (each hop recorded) and forms posted.
 */
final class Browser {

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  /** Every URL visited, in order (redirect hops included). */
  final List<URI> visited = new ArrayList<>();

  /** Navigates to {@code url} and follows redirects to the end. */
  HttpResponse<String> navigate(String url) {
    return follow(send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET()));
  }

  /** Posts a form and follows redirects to the end. */
  HttpResponse<String> submit(String url, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return follow(send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  /** A request made by the console's script (JSON, cookies from the jar, no redirects followed). */
  HttpResponse<String> fetch(HttpRequest.Builder request) {
    return send(request.header("Accept", "application/json"));
  }

  Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst();
  }

  private HttpResponse<String> follow(HttpResponse<String> response) {
    for (int hops = 0; hops < 15 && response.statusCode() / 100 == 3; hops++) {
      URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      response = send(HttpRequest.newBuilder(next).header("Accept", "text/html").GET());
    }
    return response;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
    visited.add(built.uri());
    try {
      return http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest.Builder to(String path) {
    return Mesh.request(path);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
