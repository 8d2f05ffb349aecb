package io.catalyst.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.helm.RenderedManifestsTest.Release;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NetworkPolicies allow exactly the edges that exist in code, read from both ends: a callee's ingress and a
 * caller's egress must each give the same set. A missing edge breaks a call; an extra one is a hole.
 */
class NetworkPolicyEdgesTest {

  static final List<String> BACKENDS = Charts.SERVICES.stream().filter(s -> !s.equals("gateway")).toList();

  /** Service-to-service calls: the gateway's routes, every service's token/JWKS/introspection calls, Feign, Git. */
  static Set<String> meshEdges() {
    Set<String> edges = new TreeSet<>();
    BACKENDS.forEach(s -> edges.add("gateway -> " + s));
    BACKENDS.stream().filter(s -> !s.equals("identity-service")).forEach(s -> edges.add(s + " -> identity-service"));
    Stream.of("catalog-service", "promotion-service", "billing-service")
        .forEach(s -> edges.add("provisioning-service -> " + s));
    // catalog syncs Blueprints from the Git host; promotion merges environment branches there.
    edges.add("catalog-service -> provisioning-service");
    edges.add("promotion-service -> provisioning-service");
    return edges;
  }

  /** Everything a pod reaches outside the mesh, and the way in. */
  static Set<String> outsideEdges() {
    Set<String> edges = new TreeSet<>();
    edges.add("ingress-controller -> gateway");
    Charts.SERVICES.forEach(s -> edges.add(s + " -> dns"));
    BACKENDS.forEach(s -> edges.add(s + " -> kafka"));
    BACKENDS.forEach(s -> edges.add(s + " -> postgresql"));
    edges.add("identity-service -> external-https");
    edges.add("provisioning-service -> kubernetes-api");
    // The gateway's `kubernetes` profile discovers the services and reads catalyst-sovereign through the API.
    edges.add("gateway -> kubernetes-api");
    return edges;
  }

  @ParameterizedTest
  @MethodSource("io.catalyst.helm.RenderedManifestsTest#releases")
  void networkPoliciesAllowExactlyTheEdgesInCode(Release release) {
    List<NetworkPolicy> policies = Charts.ofKind(release.resources(), NetworkPolicy.class);
    Map<String, Integer> ports = Charts.ofKind(release.resources(), Service.class).stream().collect(
        Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getSpec().getPorts().getFirst().getPort()));
    assertThat(policies).extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(Charts.SERVICES);

    Set<String> ingressMesh = new TreeSet<>();
    Set<String> egressMesh = new TreeSet<>();
    Set<String> outside = new TreeSet<>();
    for (NetworkPolicy p : policies) {
      String me = p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
      assertThat(p.getSpec().getPolicyTypes()).as(me).containsExactlyInAnyOrder("Ingress", "Egress");
      for (var rule : p.getSpec().getIngress()) {
        assertThat(rule.getPorts()).as(me).extracting(port -> port.getPort().getIntVal())
            .containsExactly(ports.get(me));
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          String from = name(peer);
          (Charts.SERVICES.contains(from) ? ingressMesh : outside).add(from + " -> " + me);
        }
      }
      for (var rule : p.getSpec().getEgress()) {
        for (NetworkPolicyPeer peer : rule.getTo()) {
          String to = name(peer);
          if (Charts.SERVICES.contains(to)) {
            assertThat(rule.getPorts()).as(me + " -> " + to).extracting(port -> port.getPort().getIntVal())
                .containsExactly(ports.get(to));
            egressMesh.add(me + " -> " + to);
          } else {
            assertThat(rule.getPorts()).as(me + " -> " + to).isNotEmpty();
            if (to.equals("external-https")) {
              assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort).extracting(i -> i.getIntVal())
                  .containsExactly(443);
            }
            outside.add(me + " -> " + to);
          }
        }
      }
    }
    assertThat(egressMesh).as("callers' egress").containsExactlyElementsOf(meshEdges());
    assertThat(ingressMesh).as("callees' ingress").containsExactlyElementsOf(meshEdges());
    assertThat(outside).as("edges outside the mesh").containsExactlyElementsOf(outsideEdges());
  }

  /** What a peer is, recognised by how the values describe it; an unrecognised peer fails. */
  static String name(NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      // identity providers: the internet minus the private ranges; the API server: its own addresses.
      return peer.getIpBlock().getExcept() != null && !peer.getIpBlock().getExcept().isEmpty()
          ? "external-https" : "kubernetes-api";
    }
    Map<String, String> pods = peer.getPodSelector() == null ? Map.of() : peer.getPodSelector().getMatchLabels();
    Map<String, String> namespaces =
        peer.getNamespaceSelector() == null ? Map.of() : peer.getNamespaceSelector().getMatchLabels();
    if ("catalyst".equals(pods.get("app.kubernetes.io/part-of")) && peer.getNamespaceSelector() == null) {
      return pods.get("app.kubernetes.io/name");
    }
    if ("kube-dns".equals(pods.get("k8s-app"))) {
      return "dns";
    }
    if ("Kafka".equals(pods.get("strimzi.io/kind"))) {
      return "kafka";
    }
    if (pods.containsKey("cnpg.io/podRole") || pods.containsKey("cnpg.io/cluster")) {
      return "postgresql";
    }
    if ("ingress-nginx".equals(namespaces.get("kubernetes.io/metadata.name"))) {
      return "ingress-controller";
    }
    throw new AssertionError("a peer the chart should not render: " + peer);
  }
}
