package io.catalyst.provisioning.install;

import io.catalyst.provisioning.billing.BillingClient;
import io.catalyst.provisioning.catalog.CatalogClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The install flow's wiring: the catalog client, billing (unavailable until billing-service exists), the resumer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InstallProperties.class)
@EnableFeignClients(clients = CatalogClient.class)
@EnableScheduling
class InstallConfiguration {

  private static final Logger log = LoggerFactory.getLogger(InstallConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  BillingClient billingClient() {
    return BillingClient.UNAVAILABLE;
  }

  @Bean
  InstallResumer installResumer(InstallService installs) {
    return new InstallResumer(installs);
  }

  /** Finishes installs an earlier process left half-done: at start and then periodically. */
  static class InstallResumer {
    private final InstallService installs;

    InstallResumer(InstallService installs) {
      this.installs = installs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
      resume();
    }

    @Scheduled(fixedDelayString = "${catalyst.provisioning.install.resume-interval:PT30S}",
        initialDelayString = "${catalyst.provisioning.install.resume-interval:PT30S}")
    void resume() {
      int finished = installs.resumeInterrupted();
      if (finished > 0) {
        log.info("Finished {} interrupted install(s)", finished);
      }
    }
  }
}
