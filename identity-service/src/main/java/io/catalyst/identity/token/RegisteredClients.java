package io.catalyst.identity.token;

import io.catalyst.identity.IdentityProperties;
import java.time.Duration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients every Sovereign has, written to the database at start (secrets hashed): one client-credentials client
 * per Catalyst service ({@code <service-name>}, scope {@code catalyst.internal}, tokens with role {@code service}) and
 * the {@code catalyst-console} client of the gateway for authorization code + PKCE (confidential: the service
 * secret, {@code client_secret_basic}; it gets refresh tokens).
 */
public class RegisteredClients {

  public static final String CONSOLE = "catalyst-console";
  public static final String INTERNAL_SCOPE = "catalyst.internal";

  private final RegisteredClientRepository repository;
  private final PasswordEncoder encoder;
  private final IdentityProperties properties;

  RegisteredClients(RegisteredClientRepository repository, PasswordEncoder encoder, IdentityProperties properties) {
    this.repository = repository;
    this.encoder = encoder;
    this.properties = properties;
  }

  void register() {
    Duration accessTtl = properties.tokens().accessTtl();
    for (String service : properties.clients().services()) {
      repository.save(RegisteredClient.withId(service)
          .clientId(service)
          .clientName("Catalyst " + service)
          .clientSecret(encoder.encode(properties.clients().serviceSecret()))
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
          .scope(INTERNAL_SCOPE)
          .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(accessTtl).build())
          .build());
    }
    RegisteredClient.Builder console = RegisteredClient.withId(CONSOLE)
        .clientId(CONSOLE)
        .clientName("Catalyst console")
        // The gateway is this client (the browser only holds the gateway's session cookie), so it can keep a
        // secret; a confidential client is also what gets refresh tokens. PKCE S256 is still required.
        .clientSecret(encoder.encode(properties.clients().serviceSecret()))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .scope(OidcScopes.OPENID)
        .scope(OidcScopes.PROFILE)
        .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
        .tokenSettings(TokenSettings.builder()
            .accessTokenTimeToLive(accessTtl)
            .refreshTokenTimeToLive(properties.tokens().refreshTtl())
            .reuseRefreshTokens(false)
            .build());
    properties.clients().consoleRedirectUris().forEach(console::redirectUri);
    repository.save(console.build());
  }
}
