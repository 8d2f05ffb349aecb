package io.catalyst.platform.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Issues test access tokens signed by a test RSA key, and serves that key as a JWKS over real HTTP so the resource
 * server under test fetches and checks it exactly as it would identity-service's.
 *
 * <pre>{@code String token = TestTokens.user("layla").org("bank-dhofar").roles("org-developer")
 *     .environments("bank-dhofar-dev").sign();}</pre>
 */
public final class TestTokens {

  /** The issuer test tokens carry; the test kit points {@code catalyst.sovereign.public-url} at it. */
  public static final String ISSUER = "http://localhost:8080";

  private static final RSAKey KEY;
  private static final RSAKey FOREIGN_KEY;
  private static volatile HttpServer jwksServer;

  static {
    try {
      KEY = new RSAKeyGenerator(2048).keyID("test-key").keyUse(KeyUse.SIGNATURE).generate();
      FOREIGN_KEY = new RSAKeyGenerator(2048).keyID("test-key").keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private TestTokens() {}

  public static Builder user(String subject) {
    return new Builder(subject);
  }

  /** A client-credentials token of a Catalyst service (role {@code service}). */
  public static String service(String clientId) {
    return new Builder(clientId).roles("service").scope("catalyst.internal").sign();
  }

  /** URI of the JWKS that holds the test key (started on first use). */
  public static synchronized String jwksUri() {
    if (jwksServer == null) {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/jwks", exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
        server.createContext("/oauth2/token", TestTokens::clientCredentials);
        server.start();
        jwksServer = server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/oauth2/jwks";
  }

  /** URI of the test token endpoint (client-credentials grant, any client id and secret). */
  public static String tokenUri() {
    return jwksUri().replace("/oauth2/jwks", "/oauth2/token");
  }

  /** Answers a client-credentials grant with a service token whose subject is the client id. */
  private static void clientCredentials(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String clientId = null;
    if (auth != null && auth.startsWith("Basic ")) {
      String decoded = new String(java.util.Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
      clientId = java.net.URLDecoder.decode(decoded.substring(0, decoded.indexOf(':')), StandardCharsets.UTF_8);
    }
    byte[] answer;
    int status;
    if (clientId == null || !body.contains("grant_type=client_credentials")) {
      status = 400;
      answer = "{\"error\":\"invalid_request\"}".getBytes(StandardCharsets.UTF_8);
    } else {
      status = 200;
      answer = ("{\"access_token\":\"" + service(clientId) + "\",\"token_type\":\"Bearer\",\"expires_in\":900,"
          + "\"scope\":\"catalyst.internal\"}").getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  /** A fluent test token. */
  public static final class Builder {
    private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofMinutes(15);
    private RSAKey key = KEY;

    private Builder(String subject) {
      claims.subject(subject).issuer(ISSUER).jwtID(UUID.randomUUID().toString());
    }

    public Builder org(String organization) {
      claims.claim("org", organization);
      return this;
    }

    public Builder roles(String... roles) {
      claims.claim("roles", List.of(roles));
      return this;
    }

    public Builder teams(String... teams) {
      claims.claim("teams", List.of(teams));
      return this;
    }

    public Builder environments(String... environments) {
      claims.claim("environments", List.of(environments));
      return this;
    }

    public Builder scope(String scope) {
      claims.claim("scope", scope);
      return this;
    }

    public Builder claim(String name, Object value) {
      claims.claim(name, value instanceof List<?> l ? new ArrayList<>(l) : value);
      return this;
    }

    public Builder issuer(String issuer) {
      claims.issuer(issuer);
      return this;
    }

    /** Issued at {@code at} (e.g. in the past, to make an expired token together with {@link #lifetime}). */
    public Builder issuedAt(Instant at) {
      this.issuedAt = at;
      return this;
    }

    public Builder lifetime(Duration lifetime) {
      this.lifetime = lifetime;
      return this;
    }

    /** Signs with a key the JWKS does not know: the signature check must refuse it. */
    public Builder signedByStranger() {
      this.key = FOREIGN_KEY;
      return this;
    }

    public String sign() {
      claims.issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt))
          .expirationTime(Date.from(issuedAt.plus(lifetime)));
      try {
        SignedJWT jwt = new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
