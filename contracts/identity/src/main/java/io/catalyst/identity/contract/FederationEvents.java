package io.catalyst.identity.contract;

import java.util.List;

/**
 * Events of identity federation on {@code catalyst.identity.v1} (type {@code io.catalyst.identity.<name>}, see
 * {@link IdentityEvents#PREFIX}; record key {@code _sovereign}: a provider belongs to the Sovereign, not to one
 * Organization). A federated user's first login also publishes {@code member.joined.v1} (without invitation) for
 * the Organization it joined.
 */
public final class FederationEvents {

  public static final String PROVIDER_REGISTERED = "federation-provider.registered.v1";
  public static final String PROVIDER_REMOVED = "federation-provider.removed.v1";

  private FederationEvents() {}

  /** A sovereign-admin registered an upstream provider; its users may now join {@code organizations}. */
  public record ProviderRegistered(String providerId, String displayName, String issuerUri,
      List<String> organizations, String defaultRole) {}

  /** Nobody signs in through the provider any more (existing users and their links stay). */
  public record ProviderRemoved(String providerId, String issuerUri) {}
}
