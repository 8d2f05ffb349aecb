package io.catalyst.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressResolverTest {

  private final ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.42.0.0/16", "192.0.2.7"));

  @Test
  void anUntrustedPeerIsTheClientWhateverItClaims() {
    assertThat(resolver.resolve(request("203.0.113.9", "1.2.3.4"))).isEqualTo("203.0.113.9");
  }

  @Test
  void behindATrustedProxyTheLastUntrustedHopIsTheClient() {
    // The client forged the first entry; the trusted proxies appended what they saw.
    assertThat(resolver.resolve(request("10.42.3.4", "1.2.3.4, 198.51.100.20, 192.0.2.7"))).isEqualTo("198.51.100.20");
  }

  @Test
  void aTrustedProxyWithoutForwardedForIsItselfTheClient() {
    assertThat(resolver.resolve(request("10.42.3.4", null))).isEqualTo("10.42.3.4");
  }

  @Test
  void garbageInTheChainStopsTheWalkAtTheLastAddressVouchedFor() {
    assertThat(resolver.resolve(request("10.42.3.4", "198.51.100.20, evil.example.com"))).isEqualTo("10.42.3.4");
  }

  @Test
  void ipv6RangesWork() {
    var v6 = new ClientAddressResolver(List.of("fd00::/8"));
    assertThat(v6.resolve(request("fd00::1", "2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
  }

  @Test
  void aHostNameIsNotARange() {
    assertThatThrownBy(() -> new ClientAddressResolver(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static MockServerHttpRequest request(String peer, String forwardedFor) {
    var builder = MockServerHttpRequest.get("/api/v1/catalog/blueprints")
        .remoteAddress(new InetSocketAddress(peer, 40000));
    if (forwardedFor != null) {
      builder.header("X-Forwarded-For", forwardedFor);
    }
    return builder.build();
  }
}
