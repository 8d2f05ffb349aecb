package io.catalyst.provisioning.sso;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * identity-service's OIDC clients of installed Applications (docs/identity.md), called with this service's
 * client-credentials token (service kit). Registering is idempotent (201 created, 200 brought up to date); the answer
 * carries a {@code secretRef} for the secret store, never the secret.
 */
@FeignClient(name = "identity-sso", contextId = "identitySsoClient",
    url = "${catalyst.provisioning.identity-url:http://localhost:8081}")
public interface IdentitySsoClient {

  record Registration(String environment, List<String> redirectUris, String displayName) {}

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record Registered(String clientId, String secretRef, String issuer, List<String> scopes) {}

  @PutMapping("/api/v1/identity/organizations/{org}/sso-clients/{application}")
  Registered register(@PathVariable("org") String organization, @PathVariable("application") String application,
      @RequestBody Registration registration);

  @DeleteMapping("/api/v1/identity/organizations/{org}/sso-clients/{application}")
  void remove(@PathVariable("org") String organization, @PathVariable("application") String application,
      @RequestParam("environment") String environment);
}
