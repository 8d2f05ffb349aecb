package io.catalyst.identity.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller's address for per-IP limits. {@code server.forward-headers-strategy=native} makes Tomcat take
 * X-Forwarded-For only from trusted internal proxies (the gateway), so a client cannot spoof it.
 */
public final class ClientAddress {

  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    String address = request.getRemoteAddr();
    return address == null || address.isBlank() ? "unknown" : address;
  }
}
