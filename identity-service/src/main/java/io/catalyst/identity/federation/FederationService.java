package io.catalyst.identity.federation;

import io.catalyst.identity.contract.FederationEvents;
import io.catalyst.identity.token.KeyEncryption;
import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.federation.FederationProvider.MappingRule;
import io.catalyst.identity.member.RoleBindings;
import io.catalyst.identity.organization.Organizations;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration of upstream OpenID Connect providers by a sovereign-admin. */
@Service
class FederationService {

  private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]{1,30}[a-z0-9]$");
  private static final Pattern DOMAIN = Pattern.compile(
      "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Pattern CLAIM = Pattern.compile("^[A-Za-z0-9_:.\\-/]{1,100}$");
  static final List<String> DEFAULT_ROLES = RoleBindings.ORG_ROLES.stream()
      .filter(r -> !r.equals(Role.ORG_DEVELOPER.value())).toList();
  private static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

  private final FederationProviders providers;
  private final Organizations organizations;
  private final FederatedClientRegistrations registrations;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final KeyEncryption secrets;
  private final FederationProperties properties;
  private final SovereignSettings sovereign;

  FederationService(FederationProviders providers, Organizations organizations,
      FederatedClientRegistrations registrations, Outbox outbox, TransactionTemplate tx, Clock clock,
      IdentityProperties identity, FederationProperties properties, SovereignSettings sovereign) {
    this.providers = providers;
    this.organizations = organizations;
    this.registrations = registrations;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.secrets = FederationProviders.secretEncryption(identity);
    this.properties = properties;
    this.sovereign = sovereign;
  }

  record Mapping(List<String> emailDomains, String claim, String value, String organization) {}

  record Registration(String id, String displayName, String issuerUri, String clientId, String clientSecret,
      List<String> scopes, List<Mapping> mappings, String defaultRole) {}

  /** What a sovereign-admin sees of a provider: everything but the client secret. */
  record ProviderView(String id, String displayName, String issuerUri, String clientId, List<String> scopes,
      List<MappingRule> mappings, String defaultRole, String redirectUri, String loginUri, String createdBy,
      Instant createdAt) {}

  ProviderView register(Caller caller, Registration r) {
    requireSovereignAdmin(caller);
    FederationProvider provider = validate(caller, r);
    if (providers.find(provider.id()).isPresent()) {
      throw ProblemException.conflict("A federation provider named " + provider.id() + " exists already.");
    }
    if (providers.issuerTaken(provider.issuerUri())) {
      throw ProblemException.conflict("The issuer " + provider.issuerUri() + " is registered already.");
    }
    // The issuer must answer its OpenID discovery now; a typo is found here, not at the first user's login.
    String discoveryProblem = registrations.discoveryProblem(provider.issuerUri());
    if (discoveryProblem != null) {
      throw ProblemException.invalid("The issuer did not answer as an OpenID Connect provider.",
          List.of(FieldProblem.field("issuerUri", discoveryProblem)));
    }
    tx.executeWithoutResult(status -> {
      if (!providers.insert(provider)) {
        throw ProblemException.conflict("A federation provider with this id or issuer exists already.");
      }
      outbox.publish(CatalystEvent.of(FederationEvents.PROVIDER_REGISTERED, "federation-providers/" + provider.id(),
          null, new FederationEvents.ProviderRegistered(provider.id(), provider.displayName(), provider.issuerUri(),
              provider.mappings().stream().map(MappingRule::organization).distinct().toList(),
              provider.defaultRole())).by(caller.subject()));
    });
    return view(provider);
  }

  List<ProviderView> list(Caller caller) {
    requireSovereignAdmin(caller);
    return providers.all().stream().map(this::view).toList();
  }

  ProviderView read(Caller caller, String id) {
    requireSovereignAdmin(caller);
    return providers.find(id).map(this::view)
        .orElseThrow(() -> ProblemException.notFound("federation provider " + id));
  }

  void delete(Caller caller, String id) {
    requireSovereignAdmin(caller);
    tx.executeWithoutResult(status -> {
      FederationProvider p = providers.find(id)
          .orElseThrow(() -> ProblemException.notFound("federation provider " + id));
      providers.delete(id);
      outbox.publish(CatalystEvent.of(FederationEvents.PROVIDER_REMOVED, "federation-providers/" + id, null,
          new FederationEvents.ProviderRemoved(id, p.issuerUri())).by(caller.subject()));
    });
    registrations.evict(id);
  }

  private ProviderView view(FederationProvider p) {
    String base = sovereign.issuer().replaceAll("/+$", "");
    String redirect = properties.redirectUri().replace("{baseUrl}", base).replace("{registrationId}", p.id());
    return new ProviderView(p.id(), p.displayName(), p.issuerUri(), p.clientId(), p.scopes(), p.mappings(),
        p.defaultRole(), redirect, base + FederationLogin.LOGIN_BASE + "/" + p.id(), p.createdBy(), p.createdAt());
  }

  private FederationProvider validate(Caller caller, Registration r) {
    List<FieldProblem> problems = new ArrayList<>();
    if (r == null) {
      throw ProblemException.badRequest("Send the provider as JSON.");
    }
    if (r.id() == null || !ID.matcher(r.id()).matches() || r.id().contains("--")) {
      problems.add(FieldProblem.field("id", "must be 3 to 32 lower-case letters, digits and single hyphens,"
          + " starting with a letter, e.g. bank-dhofar"));
    }
    if (blank(r.displayName()) || r.displayName().length() > 100) {
      problems.add(FieldProblem.field("displayName", "must be 1 to 100 characters, e.g. Bank Dhofar"));
    }
    String issuerProblem = issuerProblem(r.issuerUri());
    if (issuerProblem != null) {
      problems.add(FieldProblem.field("issuerUri", issuerProblem));
    }
    if (blank(r.clientId()) || r.clientId().length() > 255) {
      problems.add(FieldProblem.field("clientId", "must be 1 to 255 characters: the client id at the provider"));
    }
    if (blank(r.clientSecret()) || r.clientSecret().length() > 1024) {
      problems.add(FieldProblem.field("clientSecret", "must be 1 to 1024 characters: the client secret at the"
          + " provider"));
    }
    LinkedHashSet<String> scopes = new LinkedHashSet<>(List.of("openid"));
    for (String scope : r.scopes() == null ? DEFAULT_SCOPES : r.scopes()) {
      if (scope == null || !scope.matches("^[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}$")) {
        problems.add(FieldProblem.field("scopes", "'" + scope + "' is not an OAuth scope"));
      } else {
        scopes.add(scope);
      }
    }
    List<MappingRule> rules = new ArrayList<>();
    if (r.mappings() == null || r.mappings().isEmpty()) {
      problems.add(FieldProblem.field("mappings", "must map users to an Organization, e.g."
          + " [{\"emailDomains\":[\"bank-dhofar.om\"],\"organization\":\"bank-dhofar\"}]"));
    } else if (r.mappings().size() > 50) {
      problems.add(FieldProblem.field("mappings", "at most 50 rules"));
    } else {
      for (int i = 0; i < r.mappings().size(); i++) {
        MappingRule rule = rule(r.mappings().get(i), "mappings[" + i + "]", problems);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    if (r.defaultRole() == null || !DEFAULT_ROLES.contains(r.defaultRole())) {
      problems.add(FieldProblem.field("defaultRole", "must be one of " + String.join(", ", DEFAULT_ROLES)
          + " (org-developer needs Environments; grant it after the first login)"));
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The federation provider is not valid; see errors.", problems);
    }
    String secretId = r.id();
    return new FederationProvider(r.id(), r.displayName().strip(), r.issuerUri(), r.clientId(),
        secrets.seal(secretId, r.clientSecret()), List.copyOf(scopes), rules, r.defaultRole(), caller.subject(),
        clock.instant());
  }

  private MappingRule rule(Mapping m, String path, List<FieldProblem> problems) {
    if (m == null) {
      problems.add(FieldProblem.field(path, "must not be null"));
      return null;
    }
    int before = problems.size();
    boolean byDomain = m.emailDomains() != null && !m.emailDomains().isEmpty();
    boolean byClaim = m.claim() != null || m.value() != null;
    List<String> domains = new ArrayList<>();
    if (byDomain == byClaim) {
      problems.add(FieldProblem.field(path, "give either emailDomains or claim and value"));
    } else if (byDomain) {
      for (String d : m.emailDomains()) {
        String domain = d == null ? "" : d.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
          problems.add(FieldProblem.field(path + ".emailDomains", "'" + d + "' is not a domain name"));
        } else {
          domains.add(domain);
        }
      }
    } else {
      if (m.claim() == null || !CLAIM.matcher(m.claim()).matches() || FederatedUsers.isReservedClaim(m.claim())) {
        problems.add(FieldProblem.field(path + ".claim", "must name a claim of the provider's ID token or userinfo,"
            + " e.g. groups (not iss, sub, aud, email, email_verified)"));
      }
      if (blank(m.value()) || m.value().length() > 200) {
        problems.add(FieldProblem.field(path + ".value", "must be 1 to 200 characters"));
      }
    }
    if (blank(m.organization())) {
      problems.add(FieldProblem.field(path + ".organization", "must name the Organization (slug) users join"));
    } else if (!organizations.exists(m.organization())) {
      problems.add(FieldProblem.field(path + ".organization", "no Organization " + m.organization() + " exists"));
    }
    if (problems.size() > before) {
      return null;
    }
    return byDomain ? new MappingRule(domains, null, null, m.organization())
        : new MappingRule(List.of(), m.claim(), m.value(), m.organization());
  }

  private String issuerProblem(String issuer) {
    if (blank(issuer)) {
      return "must be the provider's issuer, e.g. https://login.bank-dhofar.om/realms/staff";
    }
    URI uri;
    try {
      uri = URI.create(issuer);
    } catch (IllegalArgumentException e) {
      return "is not a URL";
    }
    if (!uri.isAbsolute() || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
        || uri.getUserInfo() != null) {
      return "must be an absolute URL without query, fragment or user info";
    }
    boolean local = uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1");
    if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme())
        && (local || properties.allowHttpIssuers()))) {
      return "must use https";
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void requireSovereignAdmin(Caller caller) {
    if (!caller.isSovereignAdmin()) {
      throw ProblemException.forbidden("This needs the role sovereign-admin.");
    }
  }
}
