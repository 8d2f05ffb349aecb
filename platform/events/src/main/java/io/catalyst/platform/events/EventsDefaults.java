package io.catalyst.platform.events;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Kafka and Flyway defaults of every service with events: records are {@code String} keys and raw bytes (the
 * CloudEvents binary mode), offsets are committed after the handler succeeded, new consumer groups start at the
 * beginning, traces continue through records, and the events tables are migrated with the service's own.
 */
public class EventsDefaults implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("spring.kafka.bootstrap-servers", "localhost:19092");
    d.put("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    d.put("spring.kafka.consumer.value-deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    d.put("spring.kafka.consumer.auto-offset-reset", "earliest");
    d.put("spring.kafka.consumer.enable-auto-commit", false);
    d.put("spring.kafka.consumer.group-id", "${spring.application.name:catalyst}");
    d.put("spring.kafka.listener.ack-mode", "record");
    d.put("spring.kafka.listener.observation-enabled", true);
    d.put("spring.kafka.listener.missing-topics-fatal", false);
    d.put("spring.kafka.admin.fail-fast", false);
    d.put("spring.kafka.admin.operation-timeout", "5s");
    d.put("spring.flyway.locations", "classpath:db/migration,classpath:db/catalyst-events");
    // The events tables' migrations (V0_x) are numbered below every service's own: a database that already has the
    // service's V1..Vn applies a new V0_x after them instead of refusing to start.
    d.put("spring.flyway.out-of-order", true);
    String app = environment.getProperty("spring.application.name");
    if (app != null && app.endsWith("-service")) {
      d.put("catalyst.events.service", app.substring(0, app.length() - "-service".length()));
    }
    environment.getPropertySources().addLast(new MapPropertySource("catalystEventsDefaults", d));
  }
}
