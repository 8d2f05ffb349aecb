package io.catalyst.catalog.support;

import io.catalyst.platform.events.Topics;
import io.catalyst.platform.testkit.EmbeddedKafkaServer;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes provisioning's events as provisioning does: CloudEvents 1.0 in Kafka binary mode, the data being
 * provisioning's contract record ({@code contracts/provisioning}) written by the application's {@link JsonMapper}
 * (the one the outbox writes with), at the event time a test chooses.
 */
public final class ProvisioningEventsProducer implements AutoCloseable {

  private final JsonMapper json;
  private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaServer.bootstrapServers(),
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

  public ProvisioningEventsProducer(JsonMapper json) {
    this.json = json;
  }

  /** {@code branch} of {@code owner/repo} moved to {@code newSha} (a push), as provisioning reports every head move. */
  public void branchMoved(String owner, String repo, String branch, String newSha) {
    send(ProvisioningEvents.BRANCH_MOVED, owner, null, "repos/" + owner + "/" + repo + "/branches/" + branch,
        Instant.now(), new BranchMoved(owner, repo, branch, null, "0000000000000000000000000000000000000000", newSha,
            "updated", BranchMoved.VIA_PUSH, "test", Instant.now()));
  }

  /** {@code data} (a contract record) as event {@code type} (complete) of {@code org}, at {@code time}. */
  public String send(String type, String org, String env, String subject, Instant time, Object data) {
    String id = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PROVISIONING, org,
        json.writeValueAsString(data).getBytes(StandardCharsets.UTF_8));
    header(record, "ce_specversion", "1.0");
    header(record, "ce_id", id);
    header(record, "ce_source", "/sovereigns/local/services/provisioning");
    header(record, "ce_type", type);
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
