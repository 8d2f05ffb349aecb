package io.catalyst.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * On logout, revokes the session's refresh token at identity-service ({@code POST /oauth2/revoke}, RFC 7009, as the
 * console client), which also ends its access token there; a copy of the session's tokens is then useless. A
 * failed revocation is logged and does not stop the logout.
 */
final class RevokeTokensOnLogout implements ServerLogoutHandler {

  private static final Logger log = LoggerFactory.getLogger(RevokeTokensOnLogout.class);

  private final ServerOAuth2AuthorizedClientRepository authorizedClients;
  private final WebClient http;
  private final String revocationUri;

  RevokeTokensOnLogout(ServerOAuth2AuthorizedClientRepository authorizedClients, WebClient http,
      String revocationUri) {
    this.authorizedClients = authorizedClients;
    this.http = http;
    this.revocationUri = revocationUri;
  }

  @Override
  public Mono<Void> logout(WebFilterExchange exchange, Authentication authentication) {
    if (!(authentication instanceof OAuth2AuthenticationToken login)) {
      return Mono.empty();
    }
    return authorizedClients.<OAuth2AuthorizedClient>loadAuthorizedClient(login.getAuthorizedClientRegistrationId(),
            authentication, exchange.getExchange())
        .filter(client -> client.getRefreshToken() != null)
        .flatMap(this::revoke)
        .onErrorResume(e -> {
          log.warn("Could not revoke the session's refresh token at logout: {}", e.toString());
          return Mono.empty();
        });
  }

  private Mono<Void> revoke(OAuth2AuthorizedClient client) {
    var registration = client.getClientRegistration();
    return http.post().uri(revocationUri)
        .headers(h -> h.setBasicAuth(registration.getClientId(), registration.getClientSecret(),
            StandardCharsets.UTF_8))
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("token", client.getRefreshToken().getTokenValue())
            .with("token_type_hint", "refresh_token"))
        .retrieve()
        .toBodilessEntity()
        .timeout(Duration.ofSeconds(5))
        .then();
  }
}
