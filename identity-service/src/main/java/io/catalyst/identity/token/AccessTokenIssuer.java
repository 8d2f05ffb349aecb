package io.catalyst.identity.token;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.platform.core.SovereignSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues access tokens for the JSON sign-up and login API with the same key, issuer and claims as the authorization
 * server's own tokens.
 */
@Component
public class AccessTokenIssuer {

  /** The audience-free client id the API's tokens name, so they can be told apart from the console's. */
  public static final String API_CLIENT = "catalyst-api";

  private final JwtEncoder encoder;
  private final AccessTokenClaims claims;
  private final Clock clock;
  private final String issuer;
  private final Duration ttl;

  public AccessTokenIssuer(JwtEncoder encoder, AccessTokenClaims claims, Clock clock, SovereignSettings sovereign,
      IdentityProperties properties) {
    this.encoder = encoder;
    this.claims = claims;
    this.clock = clock;
    this.issuer = sovereign.issuer();
    this.ttl = properties.tokens().accessTtl();
  }

  public IssuedAccessToken issue(UUID userId) {
    Instant now = clock.instant();
    JwtClaimsSet.Builder set = JwtClaimsSet.builder()
        .issuer(issuer)
        .subject(userId.toString())
        .issuedAt(now)
        .notBefore(now)
        .expiresAt(now.plus(ttl))
        .id(UUID.randomUUID().toString())
        .claim("client_id", API_CLIENT);
    claims.forUser(userId).forEach(set::claim);
    String value = encoder.encode(JwtEncoderParameters.from(
        JwsHeader.with(SignatureAlgorithm.RS256).build(), set.build())).getTokenValue();
    return new IssuedAccessToken(value, ttl);
  }

  public record IssuedAccessToken(String value, Duration expiresIn) {}
}
