package io.catalyst.gateway.support;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP backend standing in for a service: answers what it received as JSON (method, path, headers, body
 * size), its readiness at {@code /actuator/health/readiness}, a slow answer under {@code /slow}, an event stream
 * at {@code .../events}, and under
 * {@code /git} behaves like the Git host: a Basic challenge without credentials, else it counts the streamed body.
 * It can be stopped and started again on the same port.
 */
public final class EchoBackend {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String name;
  private final AtomicLong gitBytesReceived = new AtomicLong();
  /** Every open connection, so that stopping closes kept-alive ones too (as a dying process would). */
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile DisposableServer server;
  private volatile int port;

  private EchoBackend(String name) {
    this.name = name;
  }

  public static EchoBackend start(String name) {
    EchoBackend backend = new EchoBackend(name);
    backend.bind(0);
    return backend;
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public synchronized void stop() {
    if (server != null) {
      server.disposeNow(Duration.ofSeconds(5));
      connections.close().awaitUninterruptibly();
      server = null;
    }
  }

  /** Starts again on the same port, as a restarted service would. */
  public synchronized void restart() {
    if (server == null) {
      bind(port);
    }
  }

  /** Bytes of Git request bodies received so far (counted as they arrive). */
  public long gitBytesReceived() {
    return gitBytesReceived.get();
  }

  private void bind(int wanted) {
    server = HttpServer.create().host("127.0.0.1").port(wanted).channelGroup(connections)
        .handle(this::handle).bindNow();
    port = server.port();
  }

  private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
    String path = request.fullPath();
    if (path.equals("/actuator/health/readiness")) {
      return json(response, 200, Map.of("status", "UP"));
    }
    if (path.startsWith("/git/")) {
      return git(request, response);
    }
    if (path.endsWith("/events")) {
      return events(response);
    }
    Duration delay = path.contains("/slow") ? Duration.ofSeconds(3) : Duration.ZERO;
    return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
        .delayElement(delay)
        .flatMap(body -> Mono.from(json(response, 200, echo(request, body.length))));
  }

  /** Server-sent events: four, one every 0.8 s (longer in all than the tests' time limiter). */
  private static Publisher<Void> events(HttpServerResponse response) {
    return response.status(200)
        .header("Content-Type", "text/event-stream")
        .sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(800)).take(4)
            .map(i -> "id: " + i + "\ndata: {\"state\":\"Running\"}\n\n"));
  }

  private Publisher<Void> git(HttpServerRequest request, HttpServerResponse response) {
    if (!request.requestHeaders().contains("Authorization")) {
      response.header("WWW-Authenticate", "Basic realm=\"Catalyst Git\"");
      return response.status(401).sendString(Mono.just("Authentication required\n"));
    }
    AtomicLong bytes = new AtomicLong();
    return request.receive()
        .doOnNext(chunk -> {
          bytes.addAndGet(chunk.readableBytes());
          gitBytesReceived.addAndGet(chunk.readableBytes());
        })
        .then(Mono.defer(() -> Mono.from(json(response, 200, Map.of("bytes", bytes.get())))));
  }

  private Map<String, Object> echo(HttpServerRequest request, int bodyBytes) {
    Map<String, List<String>> headers = new TreeMap<>();
    request.requestHeaders().forEach(h -> headers
        .computeIfAbsent(h.getKey().toLowerCase(), k -> new ArrayList<>()).add(h.getValue()));
    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("backend", name);
    echo.put("method", request.method().name());
    echo.put("path", request.fullPath());
    echo.put("uri", request.uri());
    echo.put("headers", headers);
    echo.put("bodyBytes", bodyBytes);
    return echo;
  }

  private static Publisher<Void> json(HttpServerResponse response, int status, Object body) {
    byte[] bytes = JSON.writeValueAsBytes(body);
    return response.status(status)
        .header("Content-Type", "application/json")
        .header("Content-Length", Integer.toString(bytes.length))
        .sendByteArray(Mono.just(bytes));
  }
}
