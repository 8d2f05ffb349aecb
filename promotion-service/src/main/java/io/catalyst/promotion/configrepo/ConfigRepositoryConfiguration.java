package io.catalyst.promotion.configrepo;

import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The config repository's credential: a configured password (a personal access token, as catalog's sources take), else
 * this service's client-credentials access token (registration {@code catalyst-service}, the one Feign clients use),
 * which provisioning's Git host accepts as the HTTP Basic password of a service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConfigRepositoryProperties.class)
class ConfigRepositoryConfiguration {

  static final String REGISTRATION = "catalyst-service";

  @Bean
  ConfigRepository configRepository(ConfigRepositoryProperties properties,
      ObjectProvider<ClientRegistrationRepository> registrations,
      ObjectProvider<OAuth2AuthorizedClientService> authorizedClients) {
    String configured = properties.git().password();
    if (configured != null && !configured.isBlank()) {
      return new ConfigRepository(properties, () -> configured);
    }
    ClientRegistrationRepository repository = registrations.getIfAvailable();
    OAuth2AuthorizedClientService service = authorizedClients.getIfAvailable();
    if (repository == null || service == null) {
      return new ConfigRepository(properties, null);
    }
    AuthorizedClientServiceOAuth2AuthorizedClientManager clients =
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, service);
    Supplier<String> token = () -> {
      OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
          .principal(properties.git().username()).build());
      return client == null ? null : client.getAccessToken().getTokenValue();
    };
    return new ConfigRepository(properties, token);
  }
}
