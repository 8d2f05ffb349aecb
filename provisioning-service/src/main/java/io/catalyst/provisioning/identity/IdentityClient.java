package io.catalyst.provisioning.identity;

import io.catalyst.identity.contract.IdentityApi.SsoClient;
import io.catalyst.identity.contract.IdentityApi.SsoRegistration;
import io.catalyst.identity.contract.IdentityApi.Team;
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
 * answers (but 401/429) are {@link io.catalyst.platform.web.client.DependencyRefusal}s. The DTOs are
 * identity-service's contract ({@code contracts/identity}, {@link io.catalyst.identity.contract.IdentityApi}).
 */
@FeignClient(name = "identity-service", url = "${catalyst.security.identity-url:http://localhost:8081}",
    configuration = IdentityClientConfiguration.class)
public interface IdentityClient {

  /** 404 when the team or the Organization does not exist. */
  @GetMapping("/api/v1/identity/organizations/{org}/teams/{team}")
  Team team(@PathVariable("org") String organization, @PathVariable("team") String team);

  /** Registers (201) or brings up to date (200) the Application's OIDC client; idempotent. */
  @PutMapping("/api/v1/identity/organizations/{org}/sso-clients/{application}")
  SsoClient registerSsoClient(@PathVariable("org") String organization,
      @PathVariable("application") String application, @RequestBody SsoRegistration registration);

  /** Removes the Application's OIDC client; 404 when there is none. */
  @DeleteMapping("/api/v1/identity/organizations/{org}/sso-clients/{application}")
  void removeSsoClient(@PathVariable("org") String organization, @PathVariable("application") String application,
      @RequestParam("environment") String environment);
}
