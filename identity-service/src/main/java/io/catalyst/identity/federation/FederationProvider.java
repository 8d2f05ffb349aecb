package io.catalyst.identity.federation;

import java.time.Instant;
import java.util.List;

/**
 * An upstream OpenID Connect provider (a corporate IdP) registered by a sovereign-admin. Its users sign in through
 * it and join the Organization the first matching {@link MappingRule} names, with {@code defaultRole}.
 */
public record FederationProvider(String id, String displayName, String issuerUri, String clientId,
    byte[] sealedClientSecret, List<String> scopes, List<MappingRule> mappings, String defaultRole, String createdBy,
    Instant createdAt) {

  public FederationProvider {
    scopes = List.copyOf(scopes);
    mappings = List.copyOf(mappings);
  }

  /**
   * Either {@code emailDomains} (the upstream email, verified by the provider, ends in {@code @domain}) or
   * {@code claim} + {@code value} (the claim equals the value, or is a list containing it) names
   * {@code organization}.
   */
  public record MappingRule(List<String> emailDomains, String claim, String value, String organization) {
    public MappingRule {
      emailDomains = emailDomains == null ? List.of() : List.copyOf(emailDomains);
    }
  }
}
