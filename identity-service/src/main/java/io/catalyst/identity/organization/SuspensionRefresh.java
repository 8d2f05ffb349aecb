package io.catalyst.identity.organization;

import io.catalyst.platform.web.security.CatalystSecurityProperties;
import io.catalyst.platform.web.security.SuspendedOrganizations;
import io.catalyst.platform.web.security.SuspendedOrganizationsPoller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * identity-service's own API refuses suspended Organizations' tokens like every other service; it reads the list
 * from its own table (at start and every {@code catalyst.security.suspension-refresh}) rather than over HTTP.
 */
@Configuration(proxyBeanMethods = false)
class SuspensionRefresh {

  @Bean
  SuspendedOrganizationsPoller suspendedOrganizationsFromTheDatabase(Organizations organizations,
      SuspendedOrganizations suspended, CatalystSecurityProperties security) {
    return new SuspendedOrganizationsPoller(organizations::suspendedSlugs, suspended, security.suspensionRefresh());
  }
}
