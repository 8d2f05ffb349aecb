package io.catalyst.provisioning.githost;

import io.catalyst.platform.web.security.Caller;
import java.util.Optional;

/**
 * Turns the secret a Git client sends (the password of HTTP Basic, or a bearer token) into the caller it stands
 * for. {@link JwtAccessTokenVerifier} checks identity-service's signed JWTs, {@link PersonalAccessTokenVerifier} its
 * personal access tokens ({@code cat_pat_…}, by introspection); each leaves the other's tokens alone, and
 * {@link GitAuthenticationFilter} tries them in order.
 */
public interface AccessTokenVerifier {

  /**
   * The caller {@code token} authenticates, or empty when this verifier does not accept it.
   *
   * @throws io.catalyst.platform.web.security.IdentityUnavailableException when the token cannot be checked now
   */
  Optional<Caller> verify(String token);
}
