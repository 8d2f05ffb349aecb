package io.catalyst.platform.web.security;

import org.springframework.security.core.AuthenticationException;

/**
 * identity-service could not be asked about a credential (down, slow, or refusing this service). Answered 503 naming
 * identity-service, never 401: the caller's credential may well be valid.
 */
public class IdentityUnavailableException extends AuthenticationException {

  public IdentityUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public IdentityUnavailableException(String message) {
    super(message);
  }
}
