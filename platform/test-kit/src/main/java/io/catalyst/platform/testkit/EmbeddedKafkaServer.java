package io.catalyst.platform.testkit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One real Kafka KRaft broker per test JVM (in-process). */
public final class EmbeddedKafkaServer {

  private static volatile EmbeddedKafkaKraftBroker broker;

  private EmbeddedKafkaServer() {}

  public static synchronized EmbeddedKafkaKraftBroker get() {
    if (broker == null) {
      broker = new EmbeddedKafkaKraftBroker(1, 3);
      broker.brokerProperty("auto.create.topics.enable", "true");
      broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
      broker.afterPropertiesSet();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
    }
    return broker;
  }

  public static String bootstrapServers() {
    return get().getBrokersAsString();
  }
}
