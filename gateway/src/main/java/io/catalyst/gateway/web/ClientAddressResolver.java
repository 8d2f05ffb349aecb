package io.catalyst.gateway.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Tells who the client is. {@code X-Forwarded-For} is believed only when the peer is a trusted proxy, and then only
 * as far as the chain of trusted proxies goes: walking it right to left, the first address that is not a trusted
 * proxy is the client. Anything else would let a client pick its own rate-limit bucket.
 */
public class ClientAddressResolver {

  static final String X_FORWARDED_FOR = "X-Forwarded-For";

  private final List<AddressRange> trustedProxies;

  public ClientAddressResolver(List<String> trustedProxies) {
    this.trustedProxies = trustedProxies.stream().map(AddressRange::parse).toList();
  }

  public String resolve(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null || remote.getAddress() == null) {
      return "unknown";
    }
    InetAddress client = remote.getAddress();
    List<String> hops = forwardedHops(request);
    for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
      Optional<InetAddress> hop = AddressRange.literal(hops.get(i));
      if (hop.isEmpty()) {
        break; // garbage passed along by a trusted proxy: keep the last address we can vouch for
      }
      client = hop.get();
    }
    return client.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    return trustedProxies.stream().anyMatch(range -> range.contains(address));
  }

  private static List<String> forwardedHops(ServerHttpRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : request.getHeaders().getOrEmpty(X_FORWARDED_FOR)) {
      Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hops::add);
    }
    return hops;
  }
}
