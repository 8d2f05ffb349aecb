package io.catalyst.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.identity.*}: token lifetimes and signing keys, registered clients, one-time codes, login
 * throttling and the local demo data.
 */
@ConfigurationProperties("catalyst.identity")
public record IdentityProperties(
    @DefaultValue Tokens tokens,
    @DefaultValue Keys keys,
    @DefaultValue Clients clients,
    @DefaultValue Otp otp,
    @DefaultValue Login login,
    @DefaultValue DevInbox devInbox,
    @DefaultValue Demo demo,
    @DefaultValue EmailVerification emailVerification,
    String alsoTrustJwkSetUri) {

  /**
   * @param accessTtl  lifetime of access tokens (DOMAIN.md §5.1: 15 minutes)
   * @param refreshTtl lifetime of a refresh token from its issue (30 days; each rotation issues a new one)
   * @param clockSkew  tolerance when checking {@code exp}/{@code nbf}
   */
  public record Tokens(
      @DefaultValue("15m") Duration accessTtl,
      @DefaultValue("30d") Duration refreshTtl,
      @DefaultValue("60s") Duration clockSkew) {}

  /**
   * @param encryptionSecret secret the private signing keys are encrypted with at rest
   * @param publishAhead     a new key is in the JWKS this long before it signs, so resource servers' caches have it
   * @param rotateAfter      a key older than this is rotated automatically
   */
  public record Keys(
      @DefaultValue("local-key-encryption-secret") String encryptionSecret,
      @DefaultValue("10m") Duration publishAhead,
      @DefaultValue("365d") Duration rotateAfter) {}

  /**
   * @param services      client-credentials clients (one per Catalyst service, client id = service name)
   * @param serviceSecret their shared local secret ({@code CATALYST_SERVICE_SECRET})
   * @param consoleRedirectUris redirect URIs of the public {@code catalyst-console} client
   */
  public record Clients(
      @DefaultValue({"gateway", "catalog-service", "provisioning-service", "promotion-service", "billing-service",
          "audit-service", "secret-store"}) List<String> services,
      @DefaultValue("local-service-secret") String serviceSecret,
      @DefaultValue("http://localhost:8080/login/oauth2/code/catalyst") List<String> consoleRedirectUris,
      @DefaultValue("secret-store") List<String> ssoSecretReaders) {}

  /**
   * @param codeTtl        a code is valid this long (5 minutes)
   * @param maxAttempts    wrong guesses before the code is burnt
   * @param resendCooldown minimum pause between two codes to one phone
   * @param pepper         HMAC key the codes are hashed with
   */
  public record Otp(
      @DefaultValue("5m") Duration codeTtl,
      @DefaultValue("5") int maxAttempts,
      @DefaultValue("30s") Duration resendCooldown,
      @DefaultValue("5") int sendsPerPhonePerHour,
      @DefaultValue("20") int sendsPerIpPerHour,
      @DefaultValue("30") int verificationsPerIpPer10Minutes,
      @DefaultValue("local-otp-pepper") String pepper) {}

  /**
   * @param failuresBeforeLockout consecutive failures of one account before it is locked
   * @param lockout               the first lockout; doubled on each further round of failures, at most a day
   * @param attemptsPerIpPer10Minutes login attempts from one address
   */
  public record Login(
      @DefaultValue("5") int failuresBeforeLockout,
      @DefaultValue("15m") Duration lockout,
      @DefaultValue("50") int attemptsPerIpPer10Minutes) {}

  /**
   * @param ttl            a verification link is valid this long (24 hours), used once
   * @param resendCooldown minimum pause between two verification mails to one user
   * @param sendsPerHour   verification mails to one user in an hour (the one of the sign-up included)
   */
  public record EmailVerification(
      @DefaultValue("24h") Duration ttl,
      @DefaultValue("60s") Duration resendCooldown,
      @DefaultValue("5") int sendsPerHour) {}

  /** The local SMS/mail inbox, a test double for the SMS gateway we do not own. */
  public record DevInbox(@DefaultValue("false") boolean enabled) {}

  /**
   * @param enabled          create the demo sovereign-admin on first start
   * @param email            its login
   * @param credentialsFile  where its generated password is written ({@code ./catalyst up} prints it)
   */
  public record Demo(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("admin@catalyst.localhost") String email,
      Path credentialsFile) {}
}
