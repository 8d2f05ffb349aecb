package io.catalyst.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A service listens on loopback unless told otherwise (the gateway is the only way in). */
class ServiceKitDefaultsTest {

  @Test
  void aServiceListensOnLoopbackByDefault() {
    assertThat(addressOf(new StandardEnvironment())).isEqualTo("127.0.0.1");
  }

  @Test
  void anEnvironmentVariableOverridesIt() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of("CATALYST_SERVER_ADDRESS", "0.0.0.0")));
    assertThat(addressOf(environment)).isEqualTo("0.0.0.0");
    StandardEnvironment springs = new StandardEnvironment();
    springs.getPropertySources().addFirst(new MapPropertySource("env", Map.of("server.address", "10.1.2.3")));
    assertThat(addressOf(springs)).isEqualTo("10.1.2.3");
  }

  @Test
  void inKubernetesEveryInterfaceIsTheDefault() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.setActiveProfiles("kubernetes");
    assertThat(addressOf(environment)).isEqualTo("0.0.0.0");
  }

  private static String addressOf(StandardEnvironment environment) {
    new ServiceKitDefaults().postProcessEnvironment(environment, new SpringApplication());
    return environment.getProperty("server.address");
  }
}
