package io.catalyst.provisioning.web;

import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.install.InstallPlan;
import io.catalyst.provisioning.install.InstallService;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Installs into an Environment: plan, apply a plan, or both at once. */
@RestController
@RequestMapping("/api/v1/provisioning/environments/{environment}")
class InstallController {

  private final InstallService installs;

  InstallController(InstallService installs) {
    this.installs = installs;
  }

  /** A plan: what would be created, with no side effects on the Environment. */
  @PostMapping("/install-plans")
  ResponseEntity<InstallPlan> plan(Caller caller, @PathVariable String environment,
      @RequestBody InstallService.InstallRequest request) {
    InstallPlan plan = installs.plan(caller, environment, request);
    return ResponseEntity.created(URI.create(base(environment) + "/install-plans/" + plan.id())).body(plan);
  }

  @PostMapping("/install-plans/{id}/apply")
  ResponseEntity<InstallService.InstallView> apply(Caller caller, @PathVariable String environment,
      @PathVariable String id, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    return created(environment, installs.apply(caller, environment, id, key));
  }

  /** Plan and apply in one request; send an {@code Idempotency-Key} to make retries safe. */
  @PostMapping("/applications")
  ResponseEntity<InstallService.InstallView> install(Caller caller, @PathVariable String environment,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody InstallService.InstallRequest request) {
    return created(environment, installs.install(caller, environment, request, key));
  }

  /** Uninstalls: the repository is archived, never deleted. */
  @org.springframework.web.bind.annotation.DeleteMapping("/applications/{application}")
  InstallService.Uninstalled uninstall(Caller caller, @PathVariable String environment,
      @PathVariable String application) {
    return installs.uninstall(caller, environment, application);
  }

  @GetMapping("/installs/{id}")
  InstallService.InstallView install(Caller caller, @PathVariable String environment, @PathVariable String id) {
    return installs.view(caller, environment, id);
  }

  private static ResponseEntity<InstallService.InstallView> created(String environment,
      InstallService.InstallView view) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create(base(environment) + "/installs/" + view.id())).body(view);
  }

  private static String base(String environment) {
    return "/api/v1/provisioning/environments/" + environment;
  }
}
