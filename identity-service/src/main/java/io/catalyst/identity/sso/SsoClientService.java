package io.catalyst.identity.sso;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.contract.IdentityApi.SsoClient;
import io.catalyst.identity.contract.IdentityApi.SsoRegistration;
import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.member.RoleBindings;
import io.catalyst.identity.organization.Organizations;
import io.catalyst.identity.token.KeyEncryption;
import io.catalyst.identity.token.OpaqueTokens;
import io.catalyst.platform.core.Names;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * OIDC clients of installed Applications, registered on request of provisioning-service (services only): client id
 * {@code app-{environment}-{application}}, authorization code + PKCE + refresh, {@code client_secret_basic}, scopes
 * {@code openid profile email}. The secret never leaves here in the registration answer (it would end up in Git):
 * the answer carries {@code secretRef}, which the secret store resolves through {@code GET
 * /api/v1/identity/sso-clients/{clientId}/secret}. The secret is kept AES-GCM encrypted; the authorization server
 * holds only its bcrypt hash. Only users of the client's Organization may log in with it
 * ({@link SsoClientAccessFilter}).
 */
@Service
public class SsoClientService {

  public static final String CLIENT_PREFIX = "app-";
  public static final String SECRET_REF_PREFIX = "catalyst-sso/";
  public static final List<String> SCOPES = List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL);
  /** DOMAIN.md: an Application name is a DNS label of at most 40 characters. */
  static final Pattern APPLICATION = Names.APPLICATION;
  static final int MAX_REDIRECT_URIS = 5;
  private static final Logger log = LoggerFactory.getLogger(SsoClientService.class);

  private final SsoClients clients;
  private final RegisteredClientRepository repository;
  private final PasswordEncoder encoder;
  private final Organizations organizations;
  private final Outbox outbox;
  private final Clock clock;
  private final SovereignSettings sovereign;
  private final IdentityProperties properties;
  private final KeyEncryption encryption;

  SsoClientService(SsoClients clients, RegisteredClientRepository repository, PasswordEncoder encoder,
      Organizations organizations, Outbox outbox, Clock clock, SovereignSettings sovereign,
      IdentityProperties properties) {
    this.clients = clients;
    this.repository = repository;
    this.encoder = encoder;
    this.organizations = organizations;
    this.outbox = outbox;
    this.clock = clock;
    this.sovereign = sovereign;
    this.properties = properties;
    // Its own key, derived from the key-encryption secret: a signing-key ciphertext never decrypts as a client secret.
    this.encryption = KeyEncryption.forPurpose("sso-client-secret", properties.keys().encryptionSecret(),
        "an SSO client secret");
  }

  public record Result(boolean created, SsoClient client) {}

  public record Secret(String clientId, String clientSecret) {}

  public static String clientId(String environment, String application) {
    return CLIENT_PREFIX + environment + "-" + application;
  }

  /** Registers the client or, when it exists, brings its redirect URIs and display name up to date (idempotent). */
  @Transactional
  public Result register(Caller caller, String org, String application, SsoRegistration request) {
    requireService(caller);
    requireOrganization(org);
    List<FieldProblem> problems = new ArrayList<>();
    if (application == null || !APPLICATION.matcher(application).matches()) {
      problems.add(FieldProblem.field("application",
          "must be an Application name: lowercase letters, digits and hyphens, starting with a letter, at most 40"));
    }
    String environment = request == null ? null : request.environment();
    checkEnvironment(org, environment, problems);
    List<String> uris = redirectUris(request == null ? null : request.redirectUris(), problems);
    String displayName = request == null || request.displayName() == null || request.displayName().isBlank()
        ? application : request.displayName().trim();
    if (displayName != null && displayName.length() > 100) {
      problems.add(FieldProblem.field("displayName", "must be at most 100 characters"));
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The SSO client is not valid: " + String.join("; ",
          problems.stream().map(p -> p.field() + " " + p.message()).toList()) + ".", problems);
    }
    String clientId = clientId(environment, application);
    Instant now = clock.instant();
    String secret = OpaqueTokens.generate("cat_sso_");
    boolean created = clients.insert(new SsoClients.SsoClient(clientId, org, environment, application, displayName,
        uris, encryption.encrypt(secret.getBytes(StandardCharsets.UTF_8)), now, now));
    SsoClients.SsoClient row = clients.lock(clientId).orElseThrow();
    boolean changed = created || !row.redirectUris().equals(uris) || !row.displayName().equals(displayName);
    if (!created && changed) {
      clients.update(clientId, displayName, uris, now);
    }
    RegisteredClient existing = repository.findById(clientId);
    if (existing == null) {
      repository.save(newClient(clientId, displayName, uris, created ? secret : secret(row)));
    } else if (changed) {
      repository.save(RegisteredClient.from(existing).clientName(displayName)
          .redirectUris(set -> {
            set.clear();
            set.addAll(uris);
          }).build());
    }
    SsoClient answer = new SsoClient(clientId, SECRET_REF_PREFIX + clientId, sovereign.issuer(), SCOPES);
    if (changed) {
      outbox.publish(CatalystEvent.of(IdentityEvents.SSO_CLIENT_REGISTERED, subject(org, environment, application),
          org, new IdentityEvents.SsoClientRegistered(org, environment, application, clientId, uris,
              answer.secretRef(), created)).inEnvironment(environment).by(caller.subject()));
    }
    return new Result(created, answer);
  }

  /**
   * What the secret store resolves {@code catalyst-sso/{clientId}} with (services only); every read is published
   * ({@code sso-client.secret-read.v1}: who read which Application's secret, never the secret).
   */
  @Transactional
  public Secret secret(Caller caller, String clientId) {
    requireService(caller);
    if (!properties.clients().ssoSecretReaders().contains(caller.subject())) {
      // only the cluster's secret store resolves secretRefs; no other service (provisioning-service included) needs
      // an Application's client secret, so a compromised one cannot read them all
      throw ProblemException.forbidden("Only the secret store (" + String.join(", ",
          properties.clients().ssoSecretReaders()) + ") reads SSO client secrets.");
    }
    SsoClients.SsoClient row = clients.find(clientId)
        .orElseThrow(() -> ProblemException.notFound("SSO client " + clientId));
    log.info("SSO client secret of {} read by {}", clientId, caller.subject());
    outbox.publish(CatalystEvent.of(IdentityEvents.SSO_CLIENT_SECRET_READ,
        subject(row.organization(), row.environment(), row.application()), row.organization(),
        new IdentityEvents.SsoClientSecretRead(row.organization(), row.environment(), row.application(), clientId,
            caller.subject())).inEnvironment(row.environment()).by(caller.subject()));
    return new Secret(clientId, secret(row));
  }

  /** Removes the client (the Application was uninstalled); another Organization's or unknown: 404. */
  @Transactional
  public void remove(Caller caller, String org, String application, String environment) {
    requireService(caller);
    requireOrganization(org);
    if (environment == null || environment.isBlank()) {
      throw ProblemException.invalid("Name the Environment the Application is installed in.",
          List.of(FieldProblem.field("environment", "is required, e.g. " + org + "-prod")));
    }
    String what = "SSO client of Application " + application + " in " + environment;
    if (!RoleBindings.isEnvironmentOf(org, environment) || application == null
        || !APPLICATION.matcher(application).matches()) {
      throw ProblemException.notFound(what);
    }
    String clientId = clientId(environment, application);
    SsoClients.SsoClient row = clients.lock(clientId).filter(c -> c.organization().equals(org))
        .orElseThrow(() -> ProblemException.notFound(what));
    clients.delete(clientId);
    outbox.publish(CatalystEvent.of(IdentityEvents.SSO_CLIENT_REMOVED, subject(org, environment, application), org,
        new IdentityEvents.SsoClientRemoved(org, row.environment(), row.application(), clientId))
        .inEnvironment(environment).by(caller.subject()));
  }

  /** The Organization a client id belongs to, for the login check; empty for other clients. */
  @Transactional(readOnly = true)
  public Optional<Access> access(String clientId) {
    if (clientId == null || !clientId.startsWith(CLIENT_PREFIX)) {
      return Optional.empty();
    }
    return clients.find(clientId).map(c -> new Access(c.organization(), c.redirectUris()));
  }

  public record Access(String organization, List<String> redirectUris) {}

  private RegisteredClient newClient(String clientId, String displayName, List<String> uris, String secret) {
    return RegisteredClient.withId(clientId)
        .clientId(clientId)
        .clientName(displayName)
        .clientSecret(encoder.encode(secret))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .redirectUris(set -> set.addAll(uris))
        .scopes(set -> set.addAll(SCOPES))
        .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
        .tokenSettings(TokenSettings.builder()
            .accessTokenTimeToLive(properties.tokens().accessTtl())
            .refreshTokenTimeToLive(properties.tokens().refreshTtl())
            .reuseRefreshTokens(false)
            .build())
        .build();
  }

  private String secret(SsoClients.SsoClient row) {
    return new String(encryption.decrypt(row.secretEncrypted()), StandardCharsets.UTF_8);
  }

  private static void checkEnvironment(String org, String environment, List<FieldProblem> problems) {
    if (environment == null || environment.isBlank()) {
      problems.add(FieldProblem.field("environment", "is required, e.g. " + org + "-prod"));
    } else if (!RoleBindings.isEnvironmentOf(org, environment)) {
      problems.add(FieldProblem.field("environment", "'" + environment + "' is not an Environment of " + org
          + " ({org}-{prod|stg|uat|dev|poc})"));
    }
  }

  /** 1–5 absolute https URIs (http only on localhost), no fragment, no wildcard, no comma; duplicates dropped. */
  static List<String> redirectUris(List<String> given, List<FieldProblem> problems) {
    if (given == null || given.isEmpty() || given.size() > MAX_REDIRECT_URIS) {
      problems.add(FieldProblem.field("redirectUris", "must list 1 to " + MAX_REDIRECT_URIS + " redirect URIs"));
      return List.of();
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String uri = given.get(i);
      Optional<String> problem = redirectUriProblem(uri);
      if (problem.isPresent()) {
        problems.add(FieldProblem.field("redirectUris[" + i + "]", problem.get()));
      } else {
        out.add(uri);
      }
    }
    return List.copyOf(out);
  }

  private static Optional<String> redirectUriProblem(String uri) {
    if (uri == null || uri.isBlank() || uri.length() > 190) {
      return Optional.of("must be a URL of at most 190 characters");
    }
    if (uri.contains(",") || uri.contains("*") || uri.contains(" ")) {
      return Optional.of("must not contain commas, spaces or wildcards");
    }
    try {
      URI parsed = new URI(uri);
      String host = parsed.getHost();
      boolean local = host != null && (host.equals("localhost") || host.endsWith(".localhost")
          || host.equals("127.0.0.1"));
      if (!parsed.isAbsolute() || host == null || parsed.getFragment() != null
          || !("https".equals(parsed.getScheme()) || ("http".equals(parsed.getScheme()) && local))) {
        return Optional.of("must be an absolute https URL without a fragment (http only on localhost)");
      }
      if (parsed.getUserInfo() != null) {
        return Optional.of("must not carry user information");
      }
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    return Optional.empty();
  }

  private void requireOrganization(String org) {
    if (org == null || !organizations.exists(org)) {
      throw ProblemException.notFound("Organization " + org);
    }
  }

  private static void requireService(Caller caller) {
    if (!caller.isService()) {
      throw ProblemException.forbidden("Only Catalyst services (provisioning-service) manage SSO clients.");
    }
  }

  private static String subject(String org, String environment, String application) {
    return "organizations/" + org + "/environments/" + environment + "/applications/" + application
        + "/sso-client";
  }
}
