package io.catalyst.provisioning.contract;

import java.util.List;

/** The data of {@code io.catalyst.provisioning.environment.*.v1} events (types in {@link ProvisioningEvents}). */
public final class EnvironmentEvents {

  /** {@code environment.created.v1}. */
  public record Created(String environment, String organization, String type, String branch, List<String> regions,
      String bootstrapSha, String createdBy) {}

  /** {@code environment.deleted.v1}; {@code forced} when Applications were still installed. */
  public record Deleted(String environment, String organization, String type, boolean forced,
      List<String> applications, String deletedBy) {}

  private EnvironmentEvents() {}
}
