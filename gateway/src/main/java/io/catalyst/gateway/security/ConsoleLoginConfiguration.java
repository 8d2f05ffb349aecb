package io.catalyst.gateway.security;

import io.catalyst.platform.core.SovereignSettings;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * The gateway as the console's OAuth2 client. Two registrations against identity-service:
 * <ul>
 *   <li>{@value #CONSOLE}: client {@code catalyst-console}, authorization code with PKCE S256 (and a client secret,
 *   so that the authorization server issues refresh tokens). The browser is sent to the <em>public</em> authorize
 *   URL (through the gateway, where identity-service's login form lives); the code is exchanged, the ID token's keys
 *   fetched and userinfo read <em>directly</em> at identity-service, so the gateway never calls itself and nothing
 *   is fetched at start-up (no discovery).</li>
 *   <li>{@value #SERVICE}: the gateway's own client-credentials client, for calls it makes as a service (PAT
 *   introspection).</li>
 * </ul>
 * The tokens of a browser live in its gateway session ({@link WebSessionServerOAuth2AuthorizedClientRepository}),
 * so ending the session drops them; the browser only ever holds the session cookie {@value #SESSION_COOKIE}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleLoginConfiguration {

  static final String CONSOLE = "catalyst";
  static final String SERVICE = "catalyst-service";
  static final String SESSION_COOKIE = "CATALYST_SESSION";

  @Bean
  ReactiveClientRegistrationRepository clientRegistrations(SovereignSettings sovereign,
      @Value("${catalyst.gateway.console.client-id:catalyst-console}") String consoleClientId,
      @Value("${catalyst.gateway.console.client-secret:${CATALYST_SERVICE_SECRET:local-service-secret}}")
      String consoleSecret,
      @Value("${spring.application.name:gateway}") String serviceClientId,
      @Value("${CATALYST_SERVICE_SECRET:local-service-secret}") String serviceSecret,
      @Value("${catalyst.security.token-uri:${catalyst.security.identity-url:http://localhost:8081}/oauth2/token}") String tokenUri,
      @Value("${catalyst.security.jwk-set-uri}") String jwkSetUri,
      @Value("${catalyst.security.user-info-uri:${catalyst.security.identity-url:http://localhost:8081}/userinfo}") String userInfoUri) {
    String publicUrl = sovereign.issuer();
    ClientRegistration console = ClientRegistration.withRegistrationId(CONSOLE)
        .clientId(consoleClientId)
        .clientSecret(consoleSecret)
        .clientName("Catalyst console")
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        // The redirect URI identity-service has registered; the public URL, not whatever host the request used.
        .redirectUri(publicUrl + "/login/oauth2/code/{registrationId}")
        .scope("openid", "profile")
        .authorizationUri(publicUrl + "/oauth2/authorize")
        .tokenUri(tokenUri)
        .jwkSetUri(jwkSetUri)
        .userInfoUri(userInfoUri)
        .userNameAttributeName(IdTokenClaimNames.SUB)
        // The ID token's iss must be the Sovereign's public URL.
        .issuerUri(publicUrl)
        // PKCE S256 although the client is confidential (Spring adds it by default to public clients only).
        .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
        .build();
    ClientRegistration service = ClientRegistration.withRegistrationId(SERVICE)
        .clientId(serviceClientId)
        .clientSecret(serviceSecret)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .scope("catalyst.internal")
        .tokenUri(tokenUri)
        .build();
    return new InMemoryReactiveClientRegistrationRepository(console, service);
  }

  /** A browser's tokens are attributes of its session: logout (session invalidated) forgets them. */
  @Bean
  ServerOAuth2AuthorizedClientRepository authorizedClients() {
    return new WebSessionServerOAuth2AuthorizedClientRepository();
  }

  /**
   * Used by {@code TokenRelay}: hands out the session's access token, renewed with its refresh token (which
   * identity-service rotates) when it expires within {@code refreshAhead} (60 s, the services' clock skew).
   */
  @Bean
  ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository authorizedClients,
      @Value("${catalyst.gateway.console.refresh-ahead:60s}") Duration refreshAhead) {
    DefaultReactiveOAuth2AuthorizedClientManager manager =
        new DefaultReactiveOAuth2AuthorizedClientManager(registrations, authorizedClients);
    manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
        .authorizationCode()
        .refreshToken(refresh -> refresh.clockSkew(refreshAhead))
        .build());
    return manager;
  }

  /** The gateway's own service token (client credentials), outside any request; not a bean (TokenRelay wants one). */
  static ReactiveOAuth2AuthorizedClientManager serviceTokens(ReactiveClientRegistrationRepository registrations) {
    AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations,
            new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
    manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
        .clientCredentials().build());
    return manager;
  }

  /**
   * The session cookie: HttpOnly, SameSite=Lax (a cross-site POST never carries it), Secure when the Sovereign is
   * served over HTTPS.
   */
  @Bean
  WebSessionIdResolver webSessionIdResolver(SovereignSettings sovereign) {
    CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
    resolver.setCookieName(SESSION_COOKIE);
    boolean https = "https".equalsIgnoreCase(sovereign.publicUrl().getScheme());
    resolver.addCookieInitializer(cookie -> cookie.path("/").httpOnly(true).sameSite("Lax").secure(https));
    return resolver;
  }
}
