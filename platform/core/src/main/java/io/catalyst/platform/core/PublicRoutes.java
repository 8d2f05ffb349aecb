package io.catalyst.platform.core;

import java.util.List;
import java.util.Locale;

/**
 * The one list of the mesh's API routes anyone may call without a token. The gateway lets exactly these through
 * unauthenticated ({@code SecurityConfiguration}); each service permits its own (service-kit's security chain, by
 * {@code spring.application.name}) and marks them public in its OpenAPI document ({@code security: []}). A route
 * that is public must be added here, nowhere else; {@code PublicRoutesTest} in the gateway walks the list.
 *
 * <p>Patterns are Spring {@code PathPattern}s ({@code *} one segment, {@code /**} the rest, also nothing).
 */
public final class PublicRoutes {

  /** The owner of routes every service serves itself (its OpenAPI document). */
  public static final String EVERY_SERVICE = "*";
  /** The owner of routes the gateway answers or rewrites itself (a service's health). */
  public static final String GATEWAY = "gateway";

  /**
   * One public route: the HTTP method ({@code null}: any), the path pattern, the service that serves it and why it is
   * public (for the reader of this list).
   */
  public record Route(String method, String pattern, String service, String why) {

    public Route {
      method = method == null ? null : method.toUpperCase(Locale.ROOT);
      if (!pattern.startsWith("/")) {
        throw new IllegalArgumentException("A public route's pattern starts with /: " + pattern);
      }
    }

    /**
     * {@code "GET /api/v1/kit/public/**"} or {@code "/api/v1/kit/public/**"} (any method), the form of
     * {@code catalyst.security.public-paths}.
     */
    public static Route parse(String entry, String service) {
      String[] parts = entry.trim().split("\\s+", 2);
      return parts.length == 2 ? new Route(parts[0], parts[1], service, "configured")
          : new Route(null, parts[0], service, "configured");
    }

    /** Whether a request with {@code method} is covered ({@code null} method: any). */
    public boolean allows(String requestMethod) {
      return method == null || method.equalsIgnoreCase(requestMethod);
    }
  }

  public static final List<Route> ALL = List.of(
      // identity-service (docs/identity.md, "Sign-up and login"): a person without an account or a session.
      new Route("POST", "/api/v1/identity/otp", "identity-service", "a one-time code to sign up or log in with"),
      new Route("POST", "/api/v1/identity/signup/**", "identity-service", "sign-up, also through an invitation"),
      new Route("POST", "/api/v1/identity/login/**", "identity-service", "JSON login with password or code"),
      new Route("POST", "/api/v1/identity/token/refresh", "identity-service", "a new access token for a refresh token"),
      new Route("POST", "/api/v1/identity/logout", "identity-service", "ends the refresh token's session"),
      new Route("GET", "/api/v1/identity/organizations/slug-suggestion", "identity-service", "sign-up form helper"),
      new Route("GET", "/api/v1/identity/organizations/slug-availability", "identity-service", "sign-up form helper"),
      new Route("POST", "/api/v1/identity/email-verification", "identity-service", "the mailed link, maybe signed out"),
      new Route("GET", "/api/v1/identity/dev/inbox", "identity-service",
          "the SMS/mail test double; 404 unless catalyst.identity.dev-inbox.enabled (the local stack)"),
      // catalog-service (docs/catalog.md, "API"): an anonymous visitor sees the public catalog.
      new Route("GET", "/api/v1/catalog/blueprints", "catalog-service", "the marketplace"),
      new Route("GET", "/api/v1/catalog/blueprints/*", "catalog-service", "a Blueprint's detail"),
      new Route("GET", "/api/v1/catalog/blueprints/*/versions", "catalog-service", "a Blueprint's versions"),
      new Route("GET", "/api/v1/catalog/blueprints/*/versions/*", "catalog-service", "one version's document"),
      new Route("POST", "/api/v1/catalog/blueprints/*/resolve", "catalog-service", "what an install would bring"),
      new Route("POST", "/api/v1/catalog/blueprints/*/validate", "catalog-service", "checks a config before sign-up"),
      // billing-service (docs/billing.md): the marketplace shows prices without a login; the voucher landing page
      // (DOMAIN.md 7.4) previews a code before sign-up.
      new Route("GET", "/api/v1/billing/prices", "billing-service", "the price list the marketplace shows"),
      new Route("POST", "/api/v1/billing/vouchers/redeem-preview", "billing-service",
          "a voucher's credit before sign-up (rate-limited at the edge)"),
      // audit-service (docs/audit.md, Checkpoints): anyone checking an export offline needs the signing keys.
      new Route("GET", "/api/v1/audit/checkpoints/keys", "audit-service", "the public keys of signed checkpoints"),
      // Every service (docs/conventions.md): its OpenAPI document; the gateway's docs UI reads them.
      new Route("GET", "/api/v1/*/api-docs", EVERY_SERVICE, "the service's OpenAPI document"),
      new Route("GET", "/api/v1/*/api-docs/**", EVERY_SERVICE, "the service's OpenAPI document"),
      // The gateway: a service's readiness, status only (rewritten to the service's probe, which is open there).
      new Route("GET", "/api/v1/*/health", GATEWAY, "a service's readiness, status only"));

  private PublicRoutes() {}

  /** The routes {@code service} (its {@code spring.application.name}) serves itself, its own and every service's. */
  public static List<Route> servedBy(String service) {
    return ALL.stream().filter(r -> r.service().equals(service) || r.service().equals(EVERY_SERVICE)).toList();
  }
}
