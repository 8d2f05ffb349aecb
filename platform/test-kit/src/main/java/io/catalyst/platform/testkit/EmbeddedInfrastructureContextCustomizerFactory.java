package io.catalyst.platform.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Applies {@link EmbeddedInfrastructure}: starts what the test asks for (once per JVM) and points Spring at it. */
public class EmbeddedInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    var annotation = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
        .get(EmbeddedInfrastructure.class);
    if (!annotation.isPresent()) {
      return null;
    }
    return new Customizer(annotation.getString("database"), annotation.getString("runtimeLogin"),
        annotation.getBoolean("kafka"));
  }

  record Customizer(String database, String runtimeLogin, boolean kafka) implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      Map<String, Object> props = new LinkedHashMap<>();
      if (!database.isEmpty() && !runtimeLogin.isEmpty()) {
        props.put("spring.datasource.url", EmbeddedPostgresServer.jdbcUrl(database, runtimeLogin));
        props.put("spring.datasource.username", runtimeLogin);
        props.put("spring.datasource.password", runtimeLogin);
        props.put("spring.flyway.user", database);
        props.put("spring.flyway.password", database);
      } else if (!database.isEmpty()) {
        props.put("spring.datasource.url", EmbeddedPostgresServer.jdbcUrl(database));
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "postgres");
      }
      if (kafka) {
        props.put("spring.kafka.bootstrap-servers", EmbeddedKafkaServer.bootstrapServers());
      }
      props.put("catalyst.security.jwk-set-uri", TestTokens.jwksUri());
      props.put("catalyst.security.token-uri", TestTokens.tokenUri());
      props.put("catalyst.sovereign.public-url", TestTokens.ISSUER);
      props.put("management.tracing.export.otlp.enabled", false);
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", props));
    }
  }
}
