package io.catalyst.identity.contract;

import java.time.Instant;
import java.util.List;

/**
 * The DTOs of identity-service's REST calls other services make (docs/identity.md): read a team of an Organization
 * ({@code GET /api/v1/identity/organizations/{org}/teams/{team}}) and register or remove an installed Application's
 * OIDC client ({@code PUT|DELETE /api/v1/identity/organizations/{org}/sso-clients/{application}}).
 */
public final class IdentityApi {

  private IdentityApi() {}

  /** A team of an Organization ({@code team-…}) and how many members it has. */
  public record Team(String name, String displayName, long members, Instant createdAt) {}

  /** What a service asks for when it registers an Application's OIDC client. */
  public record SsoRegistration(String environment, List<String> redirectUris, String displayName) {}

  /** What identity-service answers a registration: a {@code secretRef} for the secret store, never the secret. */
  public record SsoClient(String clientId, String secretRef, String issuer, List<String> scopes) {}
}
