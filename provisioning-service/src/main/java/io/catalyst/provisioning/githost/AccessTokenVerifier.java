package io.catalyst.provisioning.githost;

import io.catalyst.platform.web.security.Caller;
import java.util.Optional;

/**
 * Turns the secret a Git client sends (the password of HTTP Basic, or a bearer token) into the caller it stands
 * for. The access-token implementation checks identity-service's signed JWTs; personal access tokens (issued by
 * identity-service in a later issue) plug in as another implementation, tried in order.
 */
public interface AccessTokenVerifier {

  /** The caller {@code token} authenticates, or empty when this verifier does not accept it. */
  Optional<Caller> verify(String token);
}
