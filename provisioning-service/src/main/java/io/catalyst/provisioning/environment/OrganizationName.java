package io.catalyst.provisioning.environment;

import io.catalyst.platform.core.Names;

/**
 * The Organization name rule (ARCHITECTURE.md "Names", held in platform/core {@link Names}): identity-service owns
 * Organizations; this service applies the same rule to the names it receives in paths and events.
 */
public final class OrganizationName {

  private OrganizationName() {}

  public static boolean isValid(String name) {
    return Names.isOrganization(name);
  }
}
