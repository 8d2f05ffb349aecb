package io.catalyst.platform.web.security;

import java.util.Optional;

/**
 * Turns a personal access token ({@code cat_pat_…}) into the caller it stands for: the owner's current Organization,
 * roles, teams and Environments, limited to the token's scopes. The kit's implementation asks identity-service's
 * introspection endpoint with this service's client-credentials token and caches the answers briefly; a service that
 * can answer from its own data (identity-service) declares its own bean of this type.
 */
@FunctionalInterface
public interface PersonalAccessTokenIntrospector {

  /**
   * The caller, or empty when the token is not active (unknown, expired, revoked, or its Organization suspended).
   *
   * @throws IdentityUnavailableException when the answer cannot be had right now (identity-service unreachable)
   */
  Optional<Caller> introspect(String token);
}
