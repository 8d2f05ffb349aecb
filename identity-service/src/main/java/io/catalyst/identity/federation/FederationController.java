package io.catalyst.identity.federation;

import io.catalyst.identity.web.Page;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/identity/federation/providers")
@Tag(name = "Federation")
class FederationController {

  private final FederationService service;

  FederationController(FederationService service) {
    this.service = service;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Register an upstream OpenID Connect provider (sovereign-admin); the client secret is stored"
      + " encrypted and never returned")
  FederationService.ProviderView register(Caller caller, @RequestBody FederationService.Registration registration) {
    return service.register(caller, registration);
  }

  @GetMapping
  @Operation(summary = "Registered upstream providers (sovereign-admin)")
  Page<FederationService.ProviderView> list(Caller caller) {
    List<FederationService.ProviderView> all = service.list(caller);
    return new Page<>(all, 0, Math.max(all.size(), 1), all.size());
  }

  @GetMapping("/{id}")
  @Operation(summary = "One upstream provider (sovereign-admin)")
  FederationService.ProviderView read(Caller caller, @PathVariable String id) {
    return service.read(caller, id);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove an upstream provider (sovereign-admin): nobody signs in through it any more; the"
      + " users it created stay")
  void delete(Caller caller, @PathVariable String id) {
    service.delete(caller, id);
  }
}
