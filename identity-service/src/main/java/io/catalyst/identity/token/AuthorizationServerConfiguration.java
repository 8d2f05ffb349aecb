package io.catalyst.identity.token;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.login.BrowserLoginAuthenticationProvider;
import io.catalyst.platform.core.SovereignSettings;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * identity-service as the Sovereign's OpenID Connect provider (Spring Authorization Server): issuer = the Sovereign's
 * public URL, RS256 keys from the database, access tokens carrying the Catalyst claims, clients, authorizations and
 * consents in PostgreSQL. Its chains sit in front of service-kit's API chain and match only their own paths.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

  @Bean
  SigningKeyStore signingKeyStore(JdbcClient jdbc, TransactionTemplate tx, Clock clock,
      IdentityProperties properties) {
    SigningKeyStore store = new SigningKeyStore(jdbc, tx, clock, properties);
    store.ensureKey();
    return store;
  }

  /** The JWKS: public halves of the published keys (upcoming, current, and predecessors whose tokens still live). */
  @Bean
  JWKSource<SecurityContext> publishedKeys(SigningKeyStore store) {
    return (selector, context) -> {
      List<JWK> selected = selector.select(publicSet(store));
      var kids = selector.getMatcher().getKeyIDs();
      if (selected.isEmpty() && kids != null && !kids.isEmpty()) {
        kids.forEach(store::publishedKey); // reloads once when another replica rotated
        selected = selector.select(publicSet(store));
      }
      return selected;
    };
  }

  private static JWKSet publicSet(SigningKeyStore store) {
    return new JWKSet(new ArrayList<>(store.published().stream().map(SigningKey::toPublicJwk).toList()));
  }

  /** Signs with the one current key only, so the encoder never has to choose. */
  @Bean
  JwtEncoder jwtEncoder(SigningKeyStore store) {
    return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(store.signer().toSigningJwk())));
  }

  /**
   * Validates this Sovereign's tokens against the key store directly (no HTTP call to itself). With
   * {@code catalyst.identity.also-trust-jwk-set-uri} (tests only) tokens with a key id the store does not know are
   * checked against that JWKS instead.
   */
  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> publishedKeys, SigningKeyStore store,
      SovereignSettings sovereign, Clock clock, IdentityProperties properties) {
    OAuth2TokenValidator<Jwt> validator = validator(sovereign, clock, properties);
    NimbusJwtDecoder own = NimbusJwtDecoder.withJwkSource(publishedKeys).jwsAlgorithm(SignatureAlgorithm.RS256)
        .build();
    own.setJwtValidator(validator);
    String extra = properties.alsoTrustJwkSetUri();
    if (extra == null || extra.isBlank()) {
      return own;
    }
    NimbusJwtDecoder other = NimbusJwtDecoder.withJwkSetUri(extra).build();
    other.setJwtValidator(validator);
    return token -> {
      String kid;
      try {
        kid = JWSObject.parse(token).getHeader().getKeyID();
      } catch (ParseException e) {
        throw new BadJwtException("Malformed token", e);
      }
      return kid != null && store.publishedKey(kid).isEmpty() ? other.decode(token) : own.decode(token);
    };
  }

  private static OAuth2TokenValidator<Jwt> validator(SovereignSettings sovereign, Clock clock,
      IdentityProperties properties) {
    JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.tokens().clockSkew());
    timestamps.setClock(clock);
    return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(sovereign.issuer()));
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> catalystClaims(AccessTokenClaims claims,
      io.catalyst.identity.organization.OrganizationStatus status, io.catalyst.identity.user.Users users) {
    return context -> {
      if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
        // what an installed Application (SSO) or the console needs to know who signed in; userinfo answers the same
        users.byId(UUID.fromString(context.getPrincipal().getName())).ifPresent(user ->
            AccessTokenClaims.standardClaims(user, context.getAuthorizedScopes()).forEach(context.getClaims()::claim));
        return;
      }
      if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
        return;
      }
      // nbf would only repeat iat, and Spring Authorization Server's userinfo compares it with this replica's
      // Instant.now() without any skew: a token issued by a replica whose clock runs a little ahead would be
      // refused there. Resource servers still check iat and exp (with their skew).
      context.getClaims().claims(c -> c.remove(JwtClaimNames.NBF));
      if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
        AccessTokenClaims.forService().forEach(context.getClaims()::claim);
      } else {
        UUID user = UUID.fromString(context.getPrincipal().getName());
        if (status.suspendedOrganizationOf(user).isPresent()) {
          throw new org.springframework.security.oauth2.core.OAuth2AuthenticationException(
              new org.springframework.security.oauth2.core.OAuth2Error("access_denied",
                  "The user's Organization is suspended", null));
        }
        claims.forUser(user).forEach(context.getClaims()::claim);
      }
    };
  }

  @Bean
  OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, OAuth2TokenCustomizer<JwtEncodingContext> customizer,
      Clock clock) {
    JwtGenerator jwt = new JwtGenerator(encoder);
    jwt.setJwtCustomizer(customizer);
    jwt.setClock(clock);
    OAuth2RefreshTokenGenerator refresh = new OAuth2RefreshTokenGenerator();
    refresh.setClock(clock);
    return new DelegatingOAuth2TokenGenerator(jwt, refresh);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
    return new JdbcRegisteredClientRepository(jdbc);
  }

  @Bean
  RegisteredClients registeredClients(RegisteredClientRepository repository, PasswordEncoder encoder,
      IdentityProperties properties) {
    RegisteredClients clients = new RegisteredClients(repository, encoder, properties);
    clients.register();
    return clients;
  }

  @Bean
  OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
    return new JdbcOAuth2AuthorizationService(jdbc, clients);
  }

  @Bean
  OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
      RegisteredClientRepository clients) {
    return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(SovereignSettings sovereign) {
    return AuthorizationServerSettings.builder().issuer(sovereign.issuer()).build();
  }

  /**
   * The authorization server's endpoints. An unauthenticated browser on {@code /oauth2/authorize} is sent to the login
   * page whatever its Accept header; a bad authorize request is answered with an OAuth error, never a 500.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain authorizationServerSecurity(HttpSecurity http) throws Exception {
    LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
    http.oauth2AuthorizationServer(as -> {
          http.securityMatcher(as.getEndpointsMatcher());
          as.oidc(Customizer.withDefaults());
          as.authorizationEndpoint(endpoint -> endpoint.errorResponseHandler(new AuthorizeErrorResponseHandler()));
        })
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
        .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(login, new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize"),
            new MediaTypeRequestMatcher(MediaType.TEXT_HTML))));
    return http.build();
  }

  /**
   * The login form of the browser flow (the console through the gateway); a session only lives here. Besides email
   * and password it offers "Sign in with …" for each registered upstream OIDC provider (federation).
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 1)
  SecurityFilterChain browserLoginSecurity(HttpSecurity http, BrowserLoginAuthenticationProvider provider,
      io.catalyst.identity.federation.FederationLogin federation) throws Exception {
    http.securityMatcher("/login", "/default-ui.css", io.catalyst.identity.federation.FederationLogin.PATHS)
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .authenticationProvider(provider)
        .formLogin(Customizer.withDefaults());
    federation.configure(http);
    return federation.finish(http.build());
  }

  /** Checks hourly whether the signing key is due for rotation ({@code catalyst.identity.keys.rotate-after}). */
  @Bean
  KeyRotationSchedule keyRotationSchedule(SigningKeyStore store) {
    return new KeyRotationSchedule(store);
  }

  static class KeyRotationSchedule {
    private final SigningKeyStore store;

    KeyRotationSchedule(SigningKeyStore store) {
      this.store = store;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void rotateIfDue() {
      store.rotateIfDue();
    }
  }
}
