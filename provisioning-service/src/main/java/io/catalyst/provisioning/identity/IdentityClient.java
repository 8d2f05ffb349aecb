package io.catalyst.provisioning.identity;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * identity-service's API as this service uses it (docs/identity.md): does a team exist in an Organization, and the
 * OIDC clients of installed Applications. Calls carry this service's client-credentials token (service kit) and go to
 * {@code catalyst.security.identity-url}, where the kit also introspects personal access tokens; {@link Teams} and
 * {@link io.catalyst.provisioning.sso.SsoClients} turn the answers into this service's terms. identity-service's 4xx
 * answers (but 401/429) are {@link io.catalyst.platform.web.client.DependencyRefusal}s.
 */
@FeignClient(name = "identity-service", url = "${catalyst.security.identity-url:http://localhost:8081}",
    configuration = IdentityClientConfiguration.class)
public interface IdentityClient {

  /** {@code {name, displayName, members, createdAt}}; 404 when the team or the Organization does not exist. */
  @GetMapping("/api/v1/identity/organizations/{org}/teams/{team}")
  Map<String, Object> team(@PathVariable("org") String organization, @PathVariable("team") String team);

  record SsoRegistration(String environment, List<String> redirectUris, String displayName) {}

  /** What identity-service answers a registration: a {@code secretRef} for the secret store, never the secret. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record SsoClient(String clientId, String secretRef, String issuer, List<String> scopes) {}

  /** Registers (201) or brings up to date (200) the Application's OIDC client; idempotent. */
  @PutMapping("/api/v1/identity/organizations/{org}/sso-clients/{application}")
  SsoClient registerSsoClient(@PathVariable("org") String organization,
      @PathVariable("application") String application, @RequestBody SsoRegistration registration);

  /** Removes the Application's OIDC client; 404 when there is none. */
  @DeleteMapping("/api/v1/identity/organizations/{org}/sso-clients/{application}")
  void removeSsoClient(@PathVariable("org") String organization, @PathVariable("application") String application,
      @RequestParam("environment") String environment);
}
