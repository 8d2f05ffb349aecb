package io.catalyst.provisioning.organization;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.platform.core.Names;
import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.InboundEvent;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.githost.OrganizationRepositories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A new Organization gets its production Environment {@code {org}-prod} and its {@code shared-blueprints}
 * repository, without anyone asking (the SME owner never sees this step). Idempotent: a redelivered event is
 * skipped by the inbox, and an Environment or repository that exists is left as it is.
 */
@Component
@CatalystEventListener(topics = Topics.IDENTITY, consumer = OrganizationCreatedListener.CONSUMER)
class OrganizationCreatedListener {

  static final String CONSUMER = "provisioning-organizations";
  private static final Logger log = LoggerFactory.getLogger(OrganizationCreatedListener.class);

  private final EnvironmentService environments;
  private final OrganizationRepositories repositories;

  OrganizationCreatedListener(EnvironmentService environments, OrganizationRepositories repositories) {
    this.environments = environments;
    this.repositories = repositories;
  }

  @CatalystEventHandler(IdentityEvents.PREFIX + IdentityEvents.ORGANIZATION_CREATED)
  void created(IdentityEvents.OrganizationCreated created, InboundEvent event) {
    if (!Names.isOrganization(created.organization())) {
      throw new MalformedEventException("Event " + event.id() + " names an invalid Organization: "
          + created.organization());
    }
    String actor = created.createdBy() != null ? created.createdBy() : event.actor();
    environments.ensureProduction(created.organization(), actor)
        .ifPresent(env -> log.info("Created Environment {} for new Organization {}", env.name(),
            created.organization()));
    repositories.createSharedBlueprints(created.organization(), actor);
  }
}
