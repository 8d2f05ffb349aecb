package io.catalyst.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults of servlet services: Feign clients carry a client-credentials token of this service (registration
 * {@code catalyst-service} against identity-service), time out quickly and sit behind a circuit breaker.
 *
 * <p>A service listens on loopback only ({@code server.address=127.0.0.1}), so nothing but the gateway on the same
 * machine reaches it and the gateway's authentication, rate and body limits cannot be bypassed by calling a service's
 * port. {@code CATALYST_SERVER_ADDRESS} overrides it (so does {@code SERVER_ADDRESS}); under the {@code kubernetes}
 * profile the default is every interface ({@code 0.0.0.0}), where a NetworkPolicy admits only the gateway and the
 * services. Either way every service still authenticates every call.
 */
public class ServiceKitDefaults implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("spring.cloud.openfeign.oauth2.enabled", true);
    d.put("spring.cloud.openfeign.oauth2.clientRegistrationId", "catalyst-service");
    d.put("spring.cloud.openfeign.circuitbreaker.enabled", true);
    d.put("spring.cloud.openfeign.client.config.default.connect-timeout", 2000);
    d.put("spring.cloud.openfeign.client.config.default.read-timeout", 5000);
    d.put("spring.security.oauth2.client.registration.catalyst-service.client-id", "${spring.application.name}");
    d.put("spring.security.oauth2.client.registration.catalyst-service.client-secret",
        "${CATALYST_SERVICE_SECRET:local-service-secret}");
    d.put("spring.security.oauth2.client.registration.catalyst-service.authorization-grant-type", "client_credentials");
    d.put("spring.security.oauth2.client.registration.catalyst-service.scope", "catalyst.internal");
    d.put("spring.security.oauth2.client.registration.catalyst-service.provider", "catalyst");
    d.put("spring.security.oauth2.client.provider.catalyst.token-uri",
        "${catalyst.security.token-uri:http://localhost:8081/oauth2/token}");
    d.put("spring.mvc.problemdetails.enabled", false);
    d.put("server.address", "${CATALYST_SERVER_ADDRESS:" + defaultAddress(environment) + "}");
    environment.getPropertySources().addLast(new MapPropertySource("catalystServiceKitDefaults", d));
  }

  static String defaultAddress(ConfigurableEnvironment environment) {
    return environment.matchesProfiles("kubernetes") ? "0.0.0.0" : "127.0.0.1";
  }
}
