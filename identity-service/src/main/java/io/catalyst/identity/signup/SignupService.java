package io.catalyst.identity.signup;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.organization.OrganizationSlug;
import io.catalyst.identity.organization.Organizations;
import io.catalyst.identity.otp.OtpService;
import io.catalyst.identity.token.SessionTokens;
import io.catalyst.identity.token.TokenResponse;
import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * First sign-up: the person proves a phone or an email with a one-time code (and with an email chooses a password),
 * names the business, and gets an Organization of their own as its {@code org-admin}, plus a session. Events {@code user.signed-up.v1} and
 * {@code organization.created.v1} (provisioning creates {@code {org}-prod} from it) commit with the rows.
 */
@Service
public class SignupService {

  private final Users users;
  private final Organizations organizations;
  private final OtpService otp;
  private final SessionTokens sessions;
  private final PasswordEncoder passwords;
  private final Outbox outbox;
  private final Clock clock;
  private final SovereignSettings sovereign;

  SignupService(Users users, Organizations organizations, OtpService otp, SessionTokens sessions,
      PasswordEncoder passwords, Outbox outbox, Clock clock, SovereignSettings sovereign) {
    this.users = users;
    this.organizations = organizations;
    this.otp = otp;
    this.sessions = sessions;
    this.passwords = passwords;
    this.outbox = outbox;
    this.clock = clock;
    this.sovereign = sovereign;
  }

  public record PhoneSignup(String phone, String code, String name, String businessName, String organization) {}

  public record EmailSignup(String email, String code, String password, String name, String businessName,
      String organization) {}

  /**
   * The code is checked after every other problem was reported, so a typo elsewhere does not burn it, and before the
   * phone is looked up, so whether it has an account is told only to the person who proved they hold it.
   */
  @Transactional(noRollbackFor = ProblemException.class)
  public TokenResponse withPhone(PhoneSignup request, String address) {
    List<FieldProblem> problems = new ArrayList<>();
    String phone = ContactNormalizer.phone(request.phone()).orElse(null);
    if (phone == null) {
      problems.add(FieldProblem.field("phone", "must be in international format, e.g. +96891234567"));
    }
    if (request.code() == null || !request.code().matches("\\d{6}")) {
      problems.add(FieldProblem.field("code", "must be the 6-digit code sent by SMS"));
    }
    String slug = organization(request.organization(), request.businessName(), problems);
    checkNames(request.name(), request.businessName(), problems);
    reject(problems);
    requireFree(slug);
    // The code first: until it is proven, a known number and an unknown one get the same answers (no code waiting,
    // wrong code, expired), so the sign-up does not tell a stranger which numbers have an account.
    otp.verify(phone, request.code(), address);
    if (users.byPhone(phone).isPresent()) {
      // Only the holder of the phone gets here. The code is spent; a login asks for a new one.
      throw ProblemException.conflict("An account with this phone number exists. Sign in with a code instead: "
          + "request a new one (POST /api/v1/identity/otp), then POST /api/v1/identity/login/code.");
    }
    Instant now = clock.instant();
    UserAccount user = UserAccount.newUser(UUID.randomUUID(), null, phone, null, trim(request.name()), now);
    return create(user, slug, request.businessName().trim(), "phone", now);
  }

  /**
   * Like the phone: the code mailed to the address ({@code POST /otp {"email"}}) is checked after every other field
   * and before the email is looked up, so only the holder of the mailbox learns that it has an account. The code
   * proves the mailbox: the new account's email is verified.
   */
  @Transactional(noRollbackFor = ProblemException.class)
  public TokenResponse withEmail(EmailSignup request, String address) {
    List<FieldProblem> problems = new ArrayList<>();
    String email = ContactNormalizer.email(request.email()).orElse(null);
    if (email == null) {
      problems.add(FieldProblem.field("email", "must be an email address like name@example.com"));
    }
    if (request.code() == null || !request.code().matches("\\d{6}")) {
      problems.add(FieldProblem.field("code", "must be the 6-digit code mailed to the address (POST "
          + "/api/v1/identity/otp with the email sends it)"));
    }
    PasswordPolicy.problem(request.password(), email, request.businessName(), request.name())
        .ifPresent(p -> problems.add(FieldProblem.field("password", p)));
    String slug = organization(request.organization(), request.businessName(), problems);
    checkNames(request.name(), request.businessName(), problems);
    reject(problems);
    requireFree(slug);
    otp.verify(email, request.code(), address);
    if (users.byEmail(email).isPresent()) {
      // Only the holder of the mailbox gets here. The code is spent.
      throw ProblemException.conflict("An account with this email exists. Sign in with its password instead "
          + "(POST /api/v1/identity/login/password).");
    }
    Instant now = clock.instant();
    UserAccount user = UserAccount.newUser(UUID.randomUUID(), email, null, passwords.encode(request.password()),
        trim(request.name()), now).withEmailVerified(); // the code reached this mailbox: the address is proven
    return create(user, slug, request.businessName().trim(), "email", now);
  }

  private TokenResponse create(UserAccount user, String slug, String businessName, String method, Instant now) {
    String style = sovereign.style().name();
    users.insert(user);
    organizations.insert(slug, businessName, style, user.id(), now);
    users.addMembership(new Membership(user.id(), slug, List.of(Role.ORG_ADMIN.value()), List.of(), now));
    String actor = user.id().toString();
    outbox.publish(CatalystEvent.of(IdentityEvents.USER_SIGNED_UP, "users/" + user.id(), slug,
        new IdentityEvents.UserSignedUp(actor, slug, method)).by(actor));
    outbox.publish(CatalystEvent.of(IdentityEvents.ORGANIZATION_CREATED, "organizations/" + slug, slug,
        new IdentityEvents.OrganizationCreated(slug, businessName, actor, style)).by(actor));
    return sessions.start(user.id());
  }

  /** The chosen slug, or one proposed from the business name. */
  private String organization(String chosen, String businessName, List<FieldProblem> problems) {
    if (chosen == null || chosen.isBlank()) {
      return businessName == null || businessName.isBlank() ? null
          : OrganizationSlug.suggest(businessName, organizations::exists);
    }
    OrganizationSlug.problem(chosen).ifPresent(p -> problems.add(FieldProblem.field("organization", p)));
    return chosen;
  }

  private void requireFree(String slug) {
    if (organizations.exists(slug)) {
      throw ProblemException.conflict("The Organization name '" + slug + "' is taken; choose another (GET"
          + " /api/v1/identity/organizations/slug-suggestion proposes a free one).").with("organization", slug);
    }
  }

  private static void checkNames(String name, String businessName, List<FieldProblem> problems) {
    if (businessName == null || businessName.isBlank()) {
      problems.add(FieldProblem.field("businessName", "must name your business"));
    } else if (businessName.trim().length() > 100) {
      problems.add(FieldProblem.field("businessName", "must be at most 100 characters"));
    }
    if (name != null && name.trim().length() > 100) {
      problems.add(FieldProblem.field("name", "must be at most 100 characters"));
    }
  }

  private static void reject(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(FieldProblem::field));
      throw ProblemException.invalid("The sign-up is not valid: " + String.join("; ",
          problems.stream().map(p -> p.field() + " " + p.message()).toList()) + ".", problems);
    }
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
