package io.catalyst.provisioning.identity;

import io.catalyst.platform.web.client.DependencyRefusal;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The teams of an Organization as identity-service knows them. */
@Component
public class Teams {

  /** Registers {@link IdentityClient}. */
  @Configuration(proxyBeanMethods = false)
  @EnableFeignClients(clients = IdentityClient.class)
  static class Clients {}

  private final IdentityClient client;

  public Teams(IdentityClient client) {
    this.client = client;
  }

  /**
   * Whether {@code team} exists in {@code organization}. identity-service answering 404 means no; an outage or any
   * other failure propagates (503 naming identity-service), so a transfer never names a team nobody checked.
   */
  public boolean exists(String organization, String team) {
    try {
      client.team(organization, team);
      return true;
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof DependencyRefusal refusal && refusal.status() == 404) {
          return false;
        }
        if (t.getCause() == t) {
          break;
        }
      }
      throw e;
    }
  }
}
