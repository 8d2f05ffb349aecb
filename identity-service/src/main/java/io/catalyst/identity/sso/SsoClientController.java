package io.catalyst.identity.sso;

import io.catalyst.identity.contract.IdentityApi;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Application SSO clients")
class SsoClientController {

  private final SsoClientService service;

  SsoClientController(SsoClientService service) {
    this.service = service;
  }

  @PutMapping("/api/v1/identity/organizations/{org}/sso-clients/{application}")
  @Operation(summary = "Register (201) or update (200) the OIDC client of an installed Application (services only);"
      + " answers a secretRef, never the secret")
  ResponseEntity<IdentityApi.SsoClient> register(Caller caller, @PathVariable String org,
      @PathVariable String application, @RequestBody(required = false) IdentityApi.SsoRegistration request) {
    SsoClientService.Result result = service.register(caller, org, application, request);
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.client());
  }

  @GetMapping("/api/v1/identity/sso-clients/{clientId}/secret")
  @Operation(summary = "The client secret behind secretRef catalyst-sso/{clientId}, for the secret store (services"
      + " only)")
  SsoClientService.Secret secret(Caller caller, @PathVariable String clientId) {
    return service.secret(caller, clientId);
  }

  @DeleteMapping("/api/v1/identity/organizations/{org}/sso-clients/{application}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove an Application's OIDC client (uninstall; services only)")
  void remove(Caller caller, @PathVariable String org, @PathVariable String application,
      @RequestParam(required = false) String environment) {
    service.remove(caller, org, application, environment);
  }
}
