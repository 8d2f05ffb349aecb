package io.catalyst.platform.events;

import io.catalyst.platform.core.SovereignSettings;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/** The outbox, its relay, the inbox, and the consumers' retry and dead-letter policy. */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
    "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
    "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
    "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@EnableConfigurationProperties(EventsProperties.class)
@ConditionalOnBean(JdbcClient.class)
public class EventsAutoConfiguration {

  /**
   * The producer of the relay and the dead-letter recoverer: idempotent, all replicas acknowledging, and failing
   * within seconds while the broker is unreachable so the relay backs off instead of hanging.
   */
  @Bean
  @ConditionalOnMissingBean(name = "catalystKafkaTemplate")
  KafkaTemplate<String, byte[]> catalystKafkaTemplate(KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
    // A producer that saw the broker vanish is replaced rather than trusted again.
    factory.setMaxAge(java.time.Duration.ofMinutes(10));
    return new KafkaTemplate<>(factory);
  }

  @Bean
  @ConditionalOnMissingBean
  Outbox outbox(JdbcClient jdbc, JsonMapper json, Clock clock, ObjectProvider<Tracer> tracer,
      ObjectProvider<OutboxRelay> relay, EventsProperties properties, SovereignSettings sovereign) {
    return new Outbox(jdbc, json, clock, tracer, relay, properties, sovereign);
  }

  @Bean
  @ConditionalOnMissingBean
  OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactions,
      KafkaTemplate<String, byte[]> catalystKafkaTemplate, EventsProperties properties, Clock clock) {
    return new OutboxRelay(jdbc, new TransactionTemplate(transactions), catalystKafkaTemplate, properties, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  Inbox inbox(JdbcClient jdbc, JsonMapper json) {
    return new Inbox(jdbc, json);
  }

  /** The Kafka listeners of the {@link CatalystEventListener} beans. */
  @Bean
  @ConditionalOnMissingBean
  CatalystEventListeners catalystEventListeners(Inbox inbox) {
    return new CatalystEventListeners(inbox);
  }

  /**
   * Bounded retries with exponential backoff, then the record goes to {@code <topic>.DLT} (with the failure in its
   * headers) and the consumer moves on. Malformed records skip the retries.
   */
  @Bean
  @ConditionalOnMissingBean(CommonErrorHandler.class)
  DefaultErrorHandler catalystErrorHandler(KafkaTemplate<String, byte[]> catalystKafkaTemplate,
      EventsProperties properties) {
    DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(catalystKafkaTemplate,
        (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    EventsProperties.Consumer consumer = properties.consumer();
    ExponentialBackOff backOff = new ExponentialBackOff(consumer.initialBackoff().toMillis(), 2.0);
    backOff.setMaxInterval(consumer.maxBackoff().toMillis());
    backOff.setMaxAttempts(Math.max(0, consumer.attempts() - 1));
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(MalformedEventException.class, DeserializationException.class);
    return handler;
  }

  /** The service's own topic, made with three partitions when the broker is reachable at start. */
  @Bean
  @ConditionalOnProperty("catalyst.events.service")
  NewTopic catalystServiceTopic(EventsProperties properties) {
    return new NewTopic(Topics.of(properties.service()), 3, (short) 1);
  }
}
