package io.catalyst.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.audit.support.AuditIntegrationTest;
import io.catalyst.audit.support.MeshEvents.Actor;
import io.catalyst.audit.support.MeshEvents.Event;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Audit's consumer stopped while the mesh keeps producing: once it runs again it audits every event from its committed
 * position, none lost, none twice, the chain without gaps. (The consumer is stopped, not the whole process.)
 */
class ResumeIT extends AuditIntegrationTest {

  @Autowired KafkaListenerEndpointRegistry registry;

  @Test
  void eventsProducedWhileTheConsumerIsDownAreAllAuditedAfterwards() throws Exception {
    configured("resume-acme", "ahmed", 1);
    MessageListenerContainer container = registry.getListenerContainer(AuditIngest.CONSUMER);
    container.stop();
    try {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(events.send(new Event(Topics.PROVISIONING, ProvisioningEvents.APPLICATION_CONFIGURED,
            "applications/resume-acme/shop", "resume-acme", "resume-acme-prod", Actor.user("ahmed", "org-admin", "api"),
            new ApplicationEvents.Configured("resume-acme", "resume-acme-prod", "shop", "main", "r" + i, null,
                "ahmed"))));
      }
      Thread.sleep(Duration.ofSeconds(1));
      assertThat(jdbc.sql("select count(*) from audit_record where chain = 'resume-acme'").query(Long.class).single())
          .as("nothing is audited while the consumer is down").isEqualTo(1);
      container.start();
      awaitStored(ids.toArray(String[]::new));
    } finally {
      if (!container.isRunning()) {
        container.start();
      }
    }
    assertThat(jdbc.sql("select count(*), max(sequence), count(distinct sequence) from audit_record "
        + "where chain = 'resume-acme'").query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .single()).containsExactly(21L, 21L, 21L);
  }
}
