package io.catalyst.catalog.support;

import io.catalyst.platform.testkit.EmbeddedKafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes provisioning's events as provisioning will: CloudEvents 1.0 in Kafka binary mode. */
public final class ProvisioningEventsProducer implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaServer.bootstrapServers(),
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

  public void gitPushed(String owner, String repo, String branch, String newSha) {
    send("git.pushed.v1", owner, null, "repository/" + owner + "/" + repo, Instant.now(), """
        {"owner": "%s", "repo": "%s", "branch": "%s", "oldSha": "0000000000000000000000000000000000000000",
         "newSha": "%s", "pusher": "test"}""".formatted(owner, repo, branch, newSha));
  }

  public String send(String type, String org, String env, String subject, Instant time, String data) {
    String id = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> record = new ProducerRecord<>("catalyst.provisioning.v1", org,
        data.getBytes(StandardCharsets.UTF_8));
    header(record, "ce_specversion", "1.0");
    header(record, "ce_id", id);
    header(record, "ce_source", "/sovereigns/local/services/provisioning");
    header(record, "ce_type", "io.catalyst.provisioning." + type);
    header(record, "ce_subject", subject);
    header(record, "ce_time", time.toString());
    header(record, "ce_organization", org);
    if (env != null) {
      header(record, "ce_environment", env);
    }
    header(record, "content-type", "application/json");
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return id;
  }

  private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    producer.close();
  }
}
