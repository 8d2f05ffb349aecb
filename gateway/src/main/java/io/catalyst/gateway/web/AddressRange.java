package io.catalyst.gateway.web;

import java.net.InetAddress;
import java.util.Optional;

/** An IP address or CIDR range, e.g. {@code 10.42.0.0/16}, {@code ::1}. Parsed as literals: never a DNS lookup. */
record AddressRange(byte[] network, int prefixLength) {

  static AddressRange parse(String range) {
    String[] parts = range.trim().split("/", 2);
    byte[] network = literal(parts[0])
        .orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR range: " + range))
        .getAddress();
    int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("Prefix length out of range: " + range);
    }
    return new AddressRange(network, prefix);
  }

  /** {@code text} as an IP address if it is an IPv4 or IPv6 literal. */
  static Optional<InetAddress> literal(String text) {
    try {
      return Optional.of(InetAddress.ofLiteral(text));
    } catch (IllegalArgumentException notALiteral) {
      return Optional.empty();
    }
  }

  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int remainingBits = prefixLength % 8;
    if (remainingBits == 0) {
      return true;
    }
    int mask = (0xFF << (8 - remainingBits)) & 0xFF;
    return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
  }
}
