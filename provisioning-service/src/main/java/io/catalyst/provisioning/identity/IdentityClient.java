package io.catalyst.provisioning.identity;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * identity-service's API as this service uses it (docs/identity.md): does a team exist in an Organization. Calls
 * carry this service's client-credentials token (service kit); {@link Teams} turns the answers into this service's
 * terms.
 */
@FeignClient(name = "identity-service", url = "${catalyst.provisioning.identity-url:http://localhost:8081}",
    configuration = IdentityClientConfiguration.class)
public interface IdentityClient {

  /** {@code {name, displayName, members, createdAt}}; 404 when the team or the Organization does not exist. */
  @GetMapping("/api/v1/identity/organizations/{org}/teams/{team}")
  Map<String, Object> team(@PathVariable("org") String organization, @PathVariable("team") String team);
}
