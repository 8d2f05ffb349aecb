package io.catalyst.identity.federation;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.federation.FederationProvider.MappingRule;
import io.catalyst.identity.organization.OrganizationStatus;
import io.catalyst.identity.organization.Organizations;
import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an upstream identity into a local user. A known upstream identity (issuer + subject) signs in as the user it
 * is linked to. A new one is mapped by the provider's rules (verified email domain, or a claim) to an Organization:
 * the user, its membership with the provider's default role and the link are created just in time
 * ({@code member.joined.v1}). Unmapped identities, suspended Organizations and emails that already belong to another
 * account are refused with a message the login page shows.
 */
@Component
class FederatedUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

  static final String ERROR = "federation_refused";
  private static final Logger log = LoggerFactory.getLogger(FederatedUsers.class);
  private static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "nonce", "azp",
      "email", "email_verified", "at_hash", "c_hash", "sid", "auth_time");

  private final OidcUserService upstream = new OidcUserService();
  private final FederationProviders providers;
  private final Users users;
  private final Organizations organizations;
  private final OrganizationStatus status;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;

  FederatedUsers(FederationProviders providers, Users users, Organizations organizations,
      OrganizationStatus status, Outbox outbox, TransactionTemplate tx, Clock clock) {
    this.providers = providers;
    this.users = users;
    this.organizations = organizations;
    this.status = status;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  static boolean isReservedClaim(String claim) {
    return RESERVED.contains(claim);
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser identity = upstream.loadUser(request);
    String providerId = request.getClientRegistration().getRegistrationId();
    FederationProvider provider = providers.find(providerId)
        .orElseThrow(() -> refuse("Sign-in through this provider is no longer offered."));
    String issuer = identity.getIdToken().getIssuer().toString();
    String subject = identity.getSubject();
    UUID user;
    try {
      user = tx.execute(s -> signIn(provider, issuer, subject, identity.getClaims()));
    } catch (DataIntegrityViolationException e) {
      // Two first logins of the same person at once: the other one created the account; this one may retry.
      log.info("Federated first login of {} at {} raced: {}", subject, issuer, e.getMessage());
      throw refuse("Your account is being set up; please sign in again.");
    }
    if (status.suspendedOrganizationOf(user).isPresent()) {
      throw refuse("Your Organization is suspended; contact the Sovereign's operator.");
    }
    return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_user")), identity.getIdToken(),
        identity.getUserInfo(), "sub");
  }

  /** The local user of the upstream identity: linked before, or created and linked now. */
  private UUID signIn(FederationProvider provider, String issuer, String subject, Map<String, Object> claims) {
    Instant now = clock.instant();
    String email = claims.get("email") instanceof String e ? ContactNormalizer.email(e).orElse(null) : null;
    boolean verified = Boolean.TRUE.equals(claims.get("email_verified"))
        || "true".equals(String.valueOf(claims.get("email_verified")));
    Optional<UUID> linked = providers.linkedUser(issuer, subject);
    if (linked.isPresent()) {
      if (users.membership(linked.get()).isEmpty()) {
        throw refuse("You are no longer a member of an Organization on this Sovereign; ask your Organization's"
            + " admin to invite you again.");
      }
      providers.touch(issuer, subject, email, now);
      return linked.get();
    }
    String shown = email == null ? "your account" : email;
    if (email == null || !verified) {
      throw refuse(provider.displayName() + " did not confirm a verified email address for " + shown
          + "; it is needed to create your Catalyst account.");
    }
    MappingRule rule = provider.mappings().stream().filter(r -> matches(r, email, claims)).findFirst()
        .orElseThrow(() -> refuse(shown + " is not mapped to an Organization on this Sovereign. Ask the"
            + " Sovereign's operator to map your email domain for " + provider.displayName() + "."));
    String org = rule.organization();
    if (organizations.find(org).map(o -> OrganizationStatus.SUSPENDED.equals(o.status())).orElse(true)) {
      throw refuse("Your Organization is suspended; contact the Sovereign's operator.");
    }
    Optional<UserAccount> existing = users.byEmail(email);
    UUID user;
    if (existing.isPresent()) {
      // The provider is authoritative for the domain the Sovereign mapped: link the account if it is already in
      // that Organization, never move an account between Organizations.
      user = existing.get().id();
      Optional<Membership> membership = users.membership(user);
      if (membership.isEmpty() || !membership.get().organization().equals(org)) {
        throw refuse("An account with " + email + " exists already and is not a member of " + org
            + "; sign in with its password.");
      }
    } else {
      user = UUID.randomUUID();
      users.insert(new UserAccount(user, email, null, null, displayName(claims), true, false, 0, null, now));
      users.addMembership(new Membership(user, org, List.of(provider.defaultRole()), List.of(), now));
      outbox.publish(CatalystEvent.of(IdentityEvents.MEMBER_JOINED, "users/" + user, org,
          new IdentityEvents.MemberJoined(user.toString(), org, List.of(provider.defaultRole()), List.of(), null))
          .by(user.toString()));
    }
    providers.link(issuer, subject, provider.id(), user, email, now);
    return user;
  }

  private static boolean matches(MappingRule rule, String email, Map<String, Object> claims) {
    if (!rule.emailDomains().isEmpty()) {
      String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
      return rule.emailDomains().contains(domain);
    }
    Object value = claims.get(rule.claim());
    if (value instanceof Collection<?> values) {
      return values.stream().anyMatch(v -> rule.value().equals(String.valueOf(v)));
    }
    return value != null && rule.value().equals(String.valueOf(value));
  }

  private static String displayName(Map<String, Object> claims) {
    if (claims.get("name") instanceof String name && !name.isBlank()) {
      return name.strip();
    }
    String given = claims.get("given_name") instanceof String g ? g : "";
    String family = claims.get("family_name") instanceof String f ? f : "";
    String joined = (given + " " + family).strip();
    return joined.isEmpty() ? null : joined;
  }

  static OAuth2AuthenticationException refuse(String message) {
    return new OAuth2AuthenticationException(new OAuth2Error(ERROR, message, null), message);
  }
}
