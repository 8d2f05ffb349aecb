package io.catalyst.platform.events;

import io.catalyst.platform.events.testapp.EventsTestApplication;
import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One context for the module's tests, on real PostgreSQL and a real Kafka broker of its own (on a fixed port, so a
 * test can take it away and bring a new one back).
 */
@SpringBootTest(classes = EventsTestApplication.class)
@EmbeddedInfrastructure(database = "events", kafka = false)
abstract class EventsTestBase {

  static final String TOPIC = "catalyst.testing.v1";
  static final int PORT = freePort();
  static final EmbeddedKafkaKraftBroker broker = startBroker();
  /** Clients reach the broker only through this proxy, so a test can cut and restore the network. */
  static final TcpProxy network = startNetwork();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
  }

  private static EmbeddedKafkaKraftBroker startBroker() {
    EmbeddedKafkaKraftBroker b = new EmbeddedKafkaKraftBroker(1, 3);
    b.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + PORT);
    b.brokerProperty("auto.create.topics.enable", "true");
    b.brokerProperty("group.initial.rebalance.delay.ms", "0");
    b.afterPropertiesSet();
    return b;
  }

  private static TcpProxy startNetwork() {
    TcpProxy proxy = new TcpProxy(PORT);
    proxy.start(brokerPort());
    return proxy;
  }

  /** The port the test kit actually bound (it ignores configured ports). */
  static int brokerPort() {
    return broker.getCluster().brokers().values().iterator().next()
        .boundPort(org.apache.kafka.common.network.ListenerName.normalised("EXTERNAL"));
  }

  /** Reads everything on {@code topic} until {@code done} says it has what it waited for, or the timeout. */
  static List<ConsumerRecord<String, byte[]>> readUntil(String topic, Duration timeout,
      java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORT,
        ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end && !done.test(seen)) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
    }
    return seen;
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
