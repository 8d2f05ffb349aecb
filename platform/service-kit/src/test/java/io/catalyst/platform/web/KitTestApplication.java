package io.catalyst.platform.web;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.PersonalAccessTokenIntrospector;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A service built only from the kit, with endpoints that fail in every way the contract covers. */
@SpringBootApplication
@EnableFeignClients(clients = {KitTestApplication.SelfClient.class, KitTestApplication.DownClient.class})
public class KitTestApplication {

  /**
   * Personal access tokens this test service accepts, in place of identity-service's introspection (the kit's
   * chain around it is what is under test here; the integration tests ask the real identity-service).
   */
  static final Map<String, Caller> PERSONAL_ACCESS_TOKENS = new ConcurrentHashMap<>();

  @Bean
  PersonalAccessTokenIntrospector testPersonalAccessTokens() {
    return token -> Optional.ofNullable(PERSONAL_ACCESS_TOKENS.get(token));
  }

  /** Calls this same service over HTTP, as another service would: with its client-credentials token. */
  @FeignClient(name = "kit-self", url = "${kit.self-url}")
  interface SelfClient {
    @GetMapping("/api/v1/kit/whoami")
    Map<String, Object> whoami();
  }

  /** A dependency that is not running. */
  @FeignClient(name = "billing-service", url = "http://127.0.0.1:9")
  interface DownClient {
    @GetMapping("/api/v1/billing/quote")
    Map<String, Object> quote();
  }

  record NewEnvironment(@NotBlank @Pattern(regexp = "^[a-z][a-z0-9-]{2,31}$", message = "must be a lowercase slug")
      String organization, @NotBlank String type) {}

  enum Size { small, medium, large }

  record Config(int replicas, Size size, List<String> domains, Map<String, Object> values) {}

  record NewApplication(@NotBlank String name, @Valid @NotNull Config config) {}

  @RestController
  static class Endpoints {

    private final SelfClient self;
    private final DownClient billing;

    Endpoints(SelfClient self, DownClient billing) {
      this.self = self;
      this.billing = billing;
    }

    @GetMapping("/api/v1/kit/whoami")
    Map<String, Object> whoami(Caller caller) {
      return Map.of("subject", caller.subject(), "service", caller.isService(),
          "correlationId", String.valueOf(io.catalyst.platform.core.RequestContext.current().correlationId()));
    }

    @GetMapping("/api/v1/kit/ask-self")
    Map<String, Object> askSelf() {
      return self.whoami();
    }

    @GetMapping("/api/v1/kit/quote")
    Map<String, Object> quote() {
      return billing.quote();
    }

    @PostMapping("/api/v1/kit/environments")
    Map<String, String> create(@Valid @RequestBody NewEnvironment body, Caller caller) {
      caller.requireRole(Role.ORG_ADMIN);
      return Map.of("name", body.organization() + "-" + body.type());
    }

    @PostMapping("/api/v1/kit/applications")
    Map<String, Object> install(@Valid @RequestBody NewApplication body) {
      return Map.of("name", body.name(), "replicas", body.config().replicas());
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
