package io.catalyst.billing.order;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.InboundEvent;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.InstallEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import org.springframework.stereotype.Component;

/** provisioning's outcome of a paid install plan: a rollback is compensated by a refund ({@link Refunds}). */
@Component
@CatalystEventListener(topics = Topics.PROVISIONING, consumer = "billing-install-outcomes")
class InstallOutcomeListener {

  private final Refunds refunds;

  InstallOutcomeListener(Refunds refunds) {
    this.refunds = refunds;
  }

  @CatalystEventHandler(ProvisioningEvents.INSTALL_ROLLED_BACK)
  void rolledBack(InstallEvents.RolledBack d, InboundEvent event) {
    String organization = d.organization() != null ? d.organization() : event.organization();
    if (organization == null || d.install() == null) {
      throw new MalformedEventException("install.rolled-back names no Organization or install plan");
    }
    refunds.installRolledBack(organization, d.install(), d.failedAt(), d.reason());
  }
}
