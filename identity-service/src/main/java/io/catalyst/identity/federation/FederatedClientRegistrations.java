package io.catalyst.identity.federation;

import io.catalyst.identity.token.KeyEncryption;
import io.catalyst.identity.IdentityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

/**
 * The OAuth2 client registrations of the registered upstream providers, read from the database at each use (a
 * provider removed on another replica is gone at once) with the provider's discovery document cached for
 * {@code catalyst.identity.federation.discovery-ttl}.
 */
@Component
class FederatedClientRegistrations implements ClientRegistrationRepository {

  private static final Logger log = LoggerFactory.getLogger(FederatedClientRegistrations.class);

  private final FederationProviders providers;
  private final FederationProperties properties;
  private final KeyEncryption secrets;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String fingerprint, ClientRegistration registration, Instant fetchedAt) {}

  FederatedClientRegistrations(FederationProviders providers, FederationProperties properties,
      IdentityProperties identity, Clock clock) {
    this.providers = providers;
    this.properties = properties;
    this.secrets = FederationProviders.secretEncryption(identity);
    this.clock = clock;
  }

  /** The provider's registration, or null when it is not registered or its discovery does not answer. */
  @Override
  public ClientRegistration findByRegistrationId(String registrationId) {
    FederationProvider provider = providers.find(registrationId).orElse(null);
    if (provider == null) {
      cache.remove(registrationId);
      return null;
    }
    String fingerprint = fingerprint(provider);
    Cached cached = cache.get(registrationId);
    Instant now = clock.instant();
    if (cached != null && cached.fingerprint().equals(fingerprint)
        && cached.fetchedAt().plus(properties.discoveryTtl()).isAfter(now)) {
      return cached.registration();
    }
    try {
      ClientRegistration registration = ClientRegistrations.fromIssuerLocation(provider.issuerUri())
          .registrationId(provider.id())
          .clientName(provider.displayName())
          .clientId(provider.clientId())
          .clientSecret(secrets.open(provider.id(), provider.sealedClientSecret()))
          .scope(provider.scopes())
          .redirectUri(properties.redirectUri())
          .userNameAttributeName("sub")
          .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
          .build();
      cache.put(registrationId, new Cached(fingerprint, registration, now));
      return registration;
    } catch (RuntimeException e) {
      log.warn("Federation provider {}: discovery at {} failed: {}", provider.id(), provider.issuerUri(),
          e.getMessage());
      // A provider that answered before keeps working on its cached endpoints while discovery is down.
      return cached != null && cached.fingerprint().equals(fingerprint) ? cached.registration() : null;
    }
  }

  /** Null when {@code issuer} answers OpenID discovery for itself, else what went wrong. */
  String discoveryProblem(String issuer) {
    try {
      ClientRegistrations.fromIssuerLocation(issuer).clientId("probe").build();
      return null;
    } catch (RuntimeException e) {
      return "no OpenID Connect discovery document for this issuer at " + issuer.replaceAll("/+$", "")
          + "/.well-known/openid-configuration (" + e.getMessage() + ")";
    }
  }

  void evict(String registrationId) {
    cache.remove(registrationId);
  }

  /**
   * The login page's links, {@code /oauth2/federation/login/{id}} to the display name, read from the database each
   * time the page is shown.
   */
  Map<String, String> loginLinks() {
    return new AbstractMap<>() {
      @Override
      public Set<Entry<String, String>> entrySet() {
        List<Entry<String, String>> links = providers.all().stream()
            .<Entry<String, String>>map(p -> Map.entry(FederationLogin.LOGIN_BASE + "/" + p.id(),
                "Sign in with " + p.displayName()))
            .toList();
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, String>> iterator() {
            return links.iterator();
          }

          @Override
          public int size() {
            return links.size();
          }
        };
      }
    };
  }

  private static String fingerprint(FederationProvider p) {
    return String.join("\n", p.issuerUri(), p.clientId(), String.join(" ", p.scopes()),
        Integer.toHexString(Arrays.hashCode(p.sealedClientSecret())), Objects.toString(p.createdAt()));
  }
}
