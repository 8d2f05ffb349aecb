package io.catalyst.audit.ingest;

import io.catalyst.platform.events.CatalystEventListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Service;

/**
 * Where audit's consumer stands on each topic: its committed position, the end of each partition, and the difference
 * (records on the broker not yet audited), read from the broker; and the time of the newest audit record.
 */
@Service
public class IngestPositions {

  /** One partition: the consumer's committed position (0: none yet), the partition's end, and the lag. */
  public record Partition(int partition, long position, long end, long lag) {}

  /** One topic's partitions and their summed lag. */
  public record Topic(String topic, long lag, List<Partition> partitions) {}

  /** The consumer's positions on every audited topic (topics not on the broker yet are left out). */
  public record Positions(String consumer, long lag, List<Topic> topics, Instant lastIngestedAt) {}

  private final KafkaAdmin admin;
  private final JdbcClient jdbc;
  private final List<String> topics =
      Arrays.asList(AuditIngest.class.getAnnotation(CatalystEventListener.class).topics());

  IngestPositions(KafkaAdmin admin, JdbcClient jdbc) {
    this.admin = admin;
    this.jdbc = jdbc;
  }

  public Positions read() throws InterruptedException, ExecutionException, TimeoutException {
    try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
      Set<String> existing = client.listTopics().names().get(5, TimeUnit.SECONDS);
      List<String> present = topics.stream().filter(existing::contains).toList();
      Map<String, TopicDescription> described = client.describeTopics(present).allTopicNames().get(5, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      described.values().forEach(d -> d.partitions().forEach(p ->
          latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          client.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(AuditIngest.CONSUMER)
          .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
      List<Topic> result = new ArrayList<>();
      long total = 0;
      for (String topic : present) {
        List<Partition> partitions = new ArrayList<>();
        long lag = 0;
        for (var p : described.get(topic).partitions()) {
          TopicPartition tp = new TopicPartition(topic, p.partition());
          long end = ends.get(tp).offset();
          OffsetAndMetadata at = committed.get(tp);
          long position = at == null ? 0 : at.offset();
          partitions.add(new Partition(p.partition(), position, end, Math.max(0, end - position)));
          lag += Math.max(0, end - position);
        }
        total += lag;
        result.add(new Topic(topic, lag, partitions));
      }
      Instant last = jdbc.sql("select max(ingested_at) from audit_record").query(java.sql.Timestamp.class)
          .optional().map(java.sql.Timestamp::toInstant).orElse(null);
      return new Positions(AuditIngest.CONSUMER, total, result, last);
    }
  }
}
