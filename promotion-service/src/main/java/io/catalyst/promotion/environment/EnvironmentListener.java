package io.catalyst.promotion.environment;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.Topics;
import io.catalyst.promotion.policy.EnvironmentName;
import io.catalyst.provisioning.contract.EnvironmentEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import org.springframework.stereotype.Component;

/** Keeps the {@code environment} table on provisioning's {@code environment.created/deleted.v1}. */
@Component
@CatalystEventListener(topics = Topics.PROVISIONING, consumer = "promotion-environments")
class EnvironmentListener {

  private final Environments environments;

  EnvironmentListener(Environments environments) {
    this.environments = environments;
  }

  @CatalystEventHandler(ProvisioningEvents.ENVIRONMENT_CREATED)
  void created(EnvironmentEvents.Created created) {
    EnvironmentName.parse(created.environment()).ifPresent(environments::created);
  }

  @CatalystEventHandler(ProvisioningEvents.ENVIRONMENT_DELETED)
  void deleted(EnvironmentEvents.Deleted deleted) {
    EnvironmentName.parse(deleted.environment()).ifPresent(environments::deleted);
  }
}
