package io.catalyst.provisioning.install;

import io.catalyst.identity.contract.IdentityApi;
import io.catalyst.provisioning.sso.SsoClients;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** SSO: the Application's OIDC client at identity-service, kept in the step's detail; undone by removing it. */
@Component
class SsoStep {

  private final SsoClients sso;
  private final InstallStore installs;
  private final JsonMapper json;

  SsoStep(SsoClients sso, InstallStore installs, JsonMapper json) {
    this.sso = sso;
    this.installs = installs;
    this.json = json;
  }

  /** SSO step: the Application's OIDC client at identity-service, kept in the step's detail for the repository. */
  void run(UUID install, InstallPlan plan, InstallPlan.PlannedApplication app) {
    IdentityApi.SsoClient client = sso.register(plan.organization(), plan.environment(), app.name(),
        app.hostname(), app.values());
    installs.ssoDetail(install, app.name(), json.writeValueAsString(client));
  }

  Optional<IdentityApi.SsoClient> registered(UUID install, String application) {
    return installs.ssoDetail(install, application).map(d -> json.readValue(d, IdentityApi.SsoClient.class));
  }

  /** Removes the OIDC client (idempotent). */
  void compensate(InstallPlan plan, String application) {
    sso.remove(plan.organization(), application, plan.environment());
  }
}
