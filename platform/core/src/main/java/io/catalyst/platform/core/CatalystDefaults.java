package io.catalyst.platform.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every Catalyst process shares, added with the lowest precedence so a service's own
 * {@code application.yaml}, the Sovereign file, environment variables and tests can override each one.
 */
public class CatalystDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "catalystDefaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("spring.threads.virtual.enabled", true);
    defaults.put("spring.main.banner-mode", "off");
    defaults.put("server.shutdown", "graceful");
    defaults.put("server.error.include-stacktrace", "never");
    defaults.put("server.error.include-message", "never");
    // Probes and metrics.
    defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
    defaults.put("management.endpoint.health.probes.enabled", true);
    defaults.put("management.endpoint.health.probes.add-additional-paths", true);
    defaults.put("management.health.livenessstate.enabled", true);
    defaults.put("management.health.readinessstate.enabled", true);
    defaults.put("management.observations.key-values.sovereign", "${catalyst.sovereign.name:local}");
    // Traces are always made and propagated (traceparent); they leave the process only when an OTLP endpoint is set.
    defaults.put("management.tracing.sampling.probability", 1.0);
    defaults.put("management.tracing.export.otlp.enabled", "${CATALYST_OTLP_TRACES:false}");
    defaults.put("management.otlp.metrics.export.enabled", false);
    defaults.put("management.logging.export.otlp.enabled", false);
    // JSON logs (Elastic Common Schema) carrying the trace id; plain text in test JVMs, where people read them.
    if (!runningTests() || System.getenv("CATALYST_LOG_FORMAT") != null) {
      defaults.put("logging.structured.format.console", "${CATALYST_LOG_FORMAT:ecs}");
    }
    defaults.put("logging.structured.ecs.service.name", "${spring.application.name:catalyst}");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
  }

  private static boolean runningTests() {
    try {
      Class.forName("org.junit.platform.launcher.core.LauncherFactory", false, CatalystDefaults.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
