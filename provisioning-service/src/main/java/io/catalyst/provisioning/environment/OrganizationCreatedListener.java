package io.catalyst.provisioning.environment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.catalyst.platform.events.Inbox;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.githost.OrganizationRepositories;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A new Organization gets its production Environment {@code {org}-prod} and its {@code shared-blueprints}
 * repository, without anyone asking (the SME owner never sees this step). Idempotent: a redelivered event is
 * skipped by the inbox, and an Environment or repository that exists is left as it is.
 */
@Component
class OrganizationCreatedListener {

  static final String CONSUMER = "provisioning-organizations";
  private static final Logger log = LoggerFactory.getLogger(OrganizationCreatedListener.class);

  /** The data of identity-service's {@code organization.created.v1}; other fields are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record OrganizationCreated(String organization, String displayName, String createdBy, String style) {}

  private final Inbox inbox;
  private final EnvironmentService environments;
  private final OrganizationRepositories repositories;

  OrganizationCreatedListener(Inbox inbox, EnvironmentService environments, OrganizationRepositories repositories) {
    this.inbox = inbox;
    this.environments = environments;
    this.repositories = repositories;
  }

  @KafkaListener(topics = Topics.IDENTITY, groupId = CONSUMER)
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record, CONSUMER, event -> {
      if (!event.is("identity", "organization.created.v1")) {
        return;
      }
      OrganizationCreated created = event.data(OrganizationCreated.class);
      if (!OrganizationName.isValid(created.organization())) {
        throw new MalformedEventException("Event " + event.id() + " names an invalid Organization: "
            + created.organization());
      }
      String actor = created.createdBy() != null ? created.createdBy() : event.actor();
      environments.ensureProduction(created.organization(), actor)
          .ifPresent(env -> log.info("Created Environment {} for new Organization {}", env.name(),
              created.organization()));
      repositories.createSharedBlueprints(created.organization(), actor);
    });
  }
}
