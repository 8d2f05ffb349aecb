package io.catalyst.provisioning.runtime;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.RuntimeEvents;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The <b>Kubernetes runtime adapter</b> ({@code catalyst.provisioning.runtime=kubernetes}): reads the Flux
 * {@code Kustomization}s ({@code kustomize.toolkit.fluxcd.io/v1}) of the Applications from the Kubernetes API and
 * reports their state as {@code io.catalyst.runtime.application.status.v1} on {@code catalyst.runtime.v1} (through the
 * outbox, source {@code /sovereigns/{sovereign}/services/kubernetes-runtime}), the same events the simulated runtime
 * publishes, so {@link RuntimeStatusListener} and {@link io.catalyst.provisioning.application.status.ApplicationStatusUpdater} make the cards from them.
 *
 * <p>It lists the Kustomizations of each configured namespace that carry the {@code openova.io/application} label
 * every {@code poll-interval} and emits an event only when an Application's card ({@link KustomizationStatus}) differs
 * from the last one it emitted: a restart emits each card once more, which the updater absorbs (no change, no
 * {@code status-changed}). Plain HTTP with the JDK client: the in-cluster service account (token and CA under
 * {@code /var/run/secrets/kubernetes.io/serviceaccount}) or a configured {@code api-url} and token.
 */
public class KubernetesRuntime implements AutoCloseable {

  static final String SOURCE = "kubernetes-runtime";
  static final String GROUP_VERSION = "kustomize.toolkit.fluxcd.io/v1";
  private static final Logger log = LoggerFactory.getLogger(KubernetesRuntime.class);

  /**
   * Where and how to read.
   *
   * @param apiUrl       the API server, e.g. {@code https://kubernetes.default.svc}
   * @param token        a bearer token (the service account's), may be null for an unauthenticated test server
   * @param caCertificate PEM of the API server's CA, null to use the JVM's trust store
   * @param namespaces   where the Kustomizations live ({@code flux-system} for the objects installs write)
   */
  public record Target(URI apiUrl, String token, String caCertificate, List<String> namespaces,
      String labelSelector, Duration pollInterval) {}

  private final Target target;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http;
  private final Map<String, KustomizationStatus.Observed> emitted = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kubernetes-runtime");
    t.setDaemon(true);
    return t;
  });
  private volatile String lastProblem;

  public KubernetesRuntime(Target target, Outbox outbox, TransactionTemplate tx, Clock clock) {
    this.target = target;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (target.caCertificate() != null && !target.caCertificate().isBlank()) {
      builder.sslContext(sslContext(target.caCertificate()));
    }
    this.http = builder.build();
  }

  /** Reads the in-cluster service account files (token, CA) if present. */
  public static Target inCluster(URI apiUrl, Path tokenFile, Path caFile, List<String> namespaces,
      String labelSelector, Duration pollInterval) {
    try {
      String token = tokenFile != null && Files.isReadable(tokenFile) ? Files.readString(tokenFile).trim() : null;
      String ca = caFile != null && Files.isReadable(caFile) ? Files.readString(caFile) : null;
      return new Target(apiUrl, token, ca, namespaces, labelSelector, pollInterval);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the service account files: " + e, e);
    }
  }

  public void start() {
    log.info("Kubernetes runtime on: Flux Kustomizations ({}) in {} of {} every {}", target.labelSelector(),
        target.namespaces(), target.apiUrl(), target.pollInterval());
    scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, target.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pollQuietly() {
    try {
      poll();
      if (lastProblem != null) {
        log.info("Kubernetes runtime reads the API again");
        lastProblem = null;
      }
    } catch (RuntimeException e) {
      String problem = e.getMessage();
      if (!java.util.Objects.equals(problem, lastProblem)) { // log each new problem once, not every poll
        log.warn("Kubernetes runtime cannot read Kustomizations: {}", problem);
        lastProblem = problem;
      }
    }
  }

  /** One pass over every namespace; returns how many status events it emitted. */
  public int poll() {
    int events = 0;
    for (String namespace : target.namespaces()) {
      Set<String> present = new HashSet<>();
      for (Map<String, Object> item : list(namespace)) {
        Optional<KustomizationStatus.Observed> observed = KustomizationStatus.of(item);
        if (observed.isEmpty()) {
          continue;
        }
        String key = namespace + "/" + name(item);
        present.add(key);
        KustomizationStatus.Observed now = observed.get();
        if (now.sameCard(emitted.get(key))) {
          continue;
        }
        emit(now);
        emitted.put(key, now);
        events++;
      }
      emitted.keySet().removeIf(k -> k.startsWith(namespace + "/") && !present.contains(k));
    }
    return events;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(String namespace) {
    String path = "/apis/" + GROUP_VERSION + "/namespaces/" + enc(namespace) + "/kustomizations"
        + (target.labelSelector() == null || target.labelSelector().isBlank() ? ""
        : "?labelSelector=" + enc(target.labelSelector()));
    String base = target.apiUrl().toString();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base; // keeps a proxy's path prefix
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    if (target.token() != null && !target.token().isBlank()) {
      request.header("Authorization", "Bearer " + target.token());
    }
    try {
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() == 404) {
          return List.of(); // no such namespace (yet), or Flux's CRDs are not installed
        }
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET " + path + " answered " + response.statusCode()
              + (response.statusCode() == 403 ? " (the service account needs get/list/watch on "
              + "kustomizations.kustomize.toolkit.fluxcd.io in " + namespace + ")" : ""));
        }
        Map<String, Object> list = json.readValue(body, Map.class);
        Object items = list.get("items");
        return items instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
      }
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void emit(KustomizationStatus.Observed o) {
    tx.executeWithoutResult(s -> outbox.publishAs(SOURCE, Topics.RUNTIME, new CatalystEvent(RuntimeEvents.STATUS_TYPE,
        "applications/" + o.organization() + "/" + o.application(), o.organization(), o.environment(), SOURCE,
        new RuntimeEvents.Status(o.organization(), o.environment(), o.application(), o.phase(), o.readyPods(),
            o.desiredPods(), o.reason(), o.observedCommit(), clock.instant(), o.observedGeneration()))));
    log.debug("Kubernetes runtime: {}/{} in {} is {}", o.organization(), o.application(), o.environment(), o.phase());
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> item) {
    Object metadata = item.get("metadata");
    return metadata instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("name")) : "?";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static SSLContext sslContext(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (var cert : factory.generateCertificates(new java.io.ByteArrayInputStream(
          pem.getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("ca-" + i++, (X509Certificate) cert);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot use the API server's CA certificate: " + e, e);
    }
  }

  /** Cards last emitted, by {@code namespace/name} (tests). */
  Map<String, KustomizationStatus.Observed> emitted() {
    return new HashMap<>(emitted);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
