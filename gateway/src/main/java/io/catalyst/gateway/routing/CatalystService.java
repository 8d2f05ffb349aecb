package io.catalyst.gateway.routing;

import java.util.Arrays;
import java.util.Optional;

/**
 * The services behind the gateway, by their discovery ids, and the paths each one owns (docs/conventions.md). A
 * service serves its API under its own prefix, so the gateway forwards paths unchanged.
 */
public enum CatalystService {
  IDENTITY("identity-service", "identity"),
  CATALOG("catalog-service", "catalog"),
  PROVISIONING("provisioning-service", "provisioning"),
  PROMOTION("promotion-service", "promotion"),
  BILLING("billing-service", "billing"),
  AUDIT("audit-service", "audit");

  private final String serviceId;
  private final String shortName;

  CatalystService(String serviceId, String shortName) {
    this.serviceId = serviceId;
    this.shortName = shortName;
  }

  /** The discovery id, e.g. {@code catalog-service}; also the circuit breaker's name. */
  public String serviceId() {
    return serviceId;
  }

  /** The short name in the API prefix, e.g. {@code catalog}. */
  public String shortName() {
    return shortName;
  }

  /** {@code /api/v1/<short>}. */
  public String apiPrefix() {
    return "/api/v1/" + shortName;
  }

  /** The public health route: answers the service's readiness. */
  public String healthPath() {
    return apiPrefix() + "/health";
  }

  /** Where the service publishes its OpenAPI document (springdoc {@code api-docs.path}). */
  public String apiDocsPath() {
    return apiPrefix() + "/api-docs";
  }

  /** The {@code lb://} URI the load balancer resolves through discovery. */
  public String loadBalancedUri() {
    return "lb://" + serviceId;
  }

  public static Optional<CatalystService> byServiceId(String serviceId) {
    return Arrays.stream(values()).filter(s -> s.serviceId.equals(serviceId)).findFirst();
  }
}
