package io.catalyst.provisioning.githost;

import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.CallerArgumentResolver;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Accepts identity-service's access tokens (RS256 JWTs, checked against its JWKS like every API call). */
public class JwtAccessTokenVerifier implements AccessTokenVerifier {

  private final JwtDecoder decoder;

  public JwtAccessTokenVerifier(JwtDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public Optional<Caller> verify(String token) {
    if (token == null || token.chars().filter(c -> c == '.').count() != 2) {
      return Optional.empty(); // not a JWT: perhaps a personal access token for another verifier
    }
    try {
      return Optional.of(CallerArgumentResolver.fromJwt(decoder.decode(token)));
    } catch (JwtException e) {
      return Optional.empty();
    }
  }
}
