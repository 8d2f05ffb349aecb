package io.catalyst.platform.web;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A service built only from the kit, with endpoints that fail in every way the contract covers. */
@SpringBootApplication
public class KitTestApplication {

  record NewEnvironment(@NotBlank @Pattern(regexp = "^[a-z][a-z0-9-]{2,31}$", message = "must be a lowercase slug")
      String organization, @NotBlank String type) {}

  @RestController
  static class Endpoints {

    @PostMapping("/api/v1/kit/environments")
    Map<String, String> create(@Valid @RequestBody NewEnvironment body, Caller caller) {
      caller.requireRole(Role.ORG_ADMIN);
      return Map.of("name", body.organization() + "-" + body.type());
    }

    @GetMapping("/api/v1/kit/orgs/{org}")
    Map<String, Object> organization(@PathVariable String org, Caller caller) {
      caller.requireVisible(org, "Organization " + org);
      return Map.of("org", org, "caller", caller.subject(), "roles", caller.roles(), "teams", caller.teams());
    }

    @GetMapping("/api/v1/kit/conflict")
    void conflict() {
      throw ProblemException.conflict("The branch moved; its head is now abc123. Rebase and try again.")
          .with("currentHead", "abc123");
    }

    @GetMapping("/api/v1/kit/boom")
    void boom() {
      throw new IllegalStateException("secret internal detail");
    }

    @GetMapping("/api/v1/kit/public/hello")
    Map<String, Object> hello(Caller caller) {
      return Map.of("authenticated", caller.isAuthenticated());
    }
  }
}
