package io.catalyst.identity.member;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.mail.MailSender;
import io.catalyst.identity.organization.Organizations;
import io.catalyst.identity.otp.SmsSender;
import io.catalyst.identity.token.SessionTokens;
import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import io.catalyst.identity.web.Page;
import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members of an Organization: list, invite (by email or phone, 7 days, used once), accept, role bindings and
 * removal (never the last org-admin). Every change is an event in the same transaction.
 */
@Service
public class MemberService {

  public static final Duration INVITATION_TTL = Duration.ofDays(7);
  /** An invitation by email is accepted only by a user whose email is verified. */
  public static final URI EMAIL_NOT_VERIFIED = ProblemTypes.of("email-not-verified");
  private static final String ADMIN = Role.ORG_ADMIN.value();

  private final Users users;
  private final Organizations organizations;
  private final Invitations invitations;
  private final SessionTokens sessions;
  private final MailSender mail;
  private final SmsSender sms;
  private final Outbox outbox;
  private final Clock clock;
  private final SovereignSettings sovereign;

  MemberService(Users users, Organizations organizations, Invitations invitations, SessionTokens sessions,
      MailSender mail, SmsSender sms, Outbox outbox, Clock clock, SovereignSettings sovereign) {
    this.users = users;
    this.organizations = organizations;
    this.invitations = invitations;
    this.sessions = sessions;
    this.mail = mail;
    this.sms = sms;
    this.outbox = outbox;
    this.clock = clock;
    this.sovereign = sovereign;
  }

  public record InviteRequest(String email, String phone, String role, List<String> environments) {}

  /** The answer to the inviter: the token is in it once and never again. */
  public record Invited(UUID id, String organization, String email, String phone, List<String> roles,
      List<String> environments, Instant expiresAt, String token) {}

  public record InvitationView(UUID id, String email, String phone, List<String> roles, List<String> environments,
      String invitedBy, Instant createdAt, Instant expiresAt, String status) {}

  public record Joined(String organization, List<String> roles, List<String> environments) {}

  @Transactional(readOnly = true)
  public Page<Users.MemberView> members(Caller caller, String org, int page, int size) {
    visible(caller, org);
    Page.check(page, size);
    return new Page<>(users.memberPage(org, page, size), page, size, users.memberCount(org));
  }

  @Transactional(readOnly = true)
  public Page<InvitationView> invitations(Caller caller, String org, int page, int size) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    Page.check(page, size);
    Instant now = clock.instant();
    return new Page<>(invitations.of(org, page, size).stream().map(i -> new InvitationView(i.id(), i.email(),
        i.phone(), i.roles(), i.environments(), i.invitedBy(), i.createdAt(), i.expiresAt(),
        InvitationTokens.Verdict.of(i.acceptedAt(), i.revokedAt(), i.expiresAt(), now).name().toLowerCase())).toList(),
        page, size, invitations.count(org));
  }

  @Transactional
  public Invited invite(Caller caller, String org, InviteRequest request) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    boolean hasEmail = request.email() != null && !request.email().isBlank();
    boolean hasPhone = request.phone() != null && !request.phone().isBlank();
    if (hasEmail == hasPhone) {
      throw ProblemException.invalid("Invite by email or by phone (one of them).",
          List.of(FieldProblem.field(hasEmail ? "phone" : "email", "give exactly one of email and phone")));
    }
    String email = hasEmail ? ContactNormalizer.email(request.email()).orElseThrow(() -> ProblemException.invalid(
        "The email is not valid.", List.of(FieldProblem.field("email", "must be an email address")))) : null;
    String phone = hasPhone ? ContactNormalizer.phone(request.phone()).orElseThrow(() -> ProblemException.invalid(
        "The phone number is not valid.",
        List.of(FieldProblem.field("phone", "must be in international format, e.g. +96891234567")))) : null;
    RoleBindings.Binding binding = RoleBindings.validate(org,
        request.role() == null ? List.of() : List.of(request.role()), request.environments());
    Optional<UserAccount> existing = hasEmail ? users.byEmail(email) : users.byPhone(phone);
    if (existing.flatMap(u -> users.membership(u.id())).map(m -> m.organization().equals(org)).orElse(false)) {
      throw ProblemException.conflict("This person is already a member of " + org + "; change their roles instead.");
    }
    Instant now = clock.instant();
    String token = InvitationTokens.generate();
    Invitation invitation = new Invitation(UUID.randomUUID(), org, email, phone, binding.roles(),
        binding.environments(), caller.subject(), now, now.plus(INVITATION_TTL), null, null, null);
    invitations.insert(invitation, InvitationTokens.hash(token));
    String displayName = organizations.find(org).orElseThrow().displayName();
    String link = sovereign.publicUrl().toString().replaceAll("/$", "") + "/invitations/" + token;
    String text = "You are invited to join " + displayName + " on " + sovereign.name() + " as "
        + String.join(", ", binding.roles()) + ". Accept within 7 days: " + link;
    if (hasEmail) {
      mail.send(email, "Invitation to " + displayName, text);
    } else {
      sms.send(phone, text);
    }
    outbox.publish(CatalystEvent.of(IdentityEvents.MEMBER_INVITED, "invitations/" + invitation.id(), org,
        new IdentityEvents.MemberInvited(invitation.id().toString(), org, binding.roles(), binding.environments(),
            hasEmail ? "email" : "phone", invitation.expiresAt())).by(caller.subject()));
    return new Invited(invitation.id(), org, email, phone, binding.roles(), binding.environments(),
        invitation.expiresAt(), token);
  }

  /** Withdraws a pending invitation (org-admin); a used one cannot be withdrawn (409), twice is harmless. */
  @Transactional
  public void revoke(Caller caller, String org, UUID id) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    Invitation invitation = invitations.lockById(org, id)
        .orElseThrow(() -> ProblemException.notFound("Invitation " + id));
    if (invitation.acceptedAt() != null) {
      throw ProblemException.conflict("This invitation was already accepted; remove the member instead.");
    }
    if (invitation.revokedAt() == null) {
      invitations.markRevoked(id, clock.instant());
      outbox.publish(CatalystEvent.of(IdentityEvents.INVITATION_REVOKED, "invitations/" + id, org,
          new IdentityEvents.InvitationRevoked(id.toString(), org)).by(caller.subject()));
    }
  }

  /** The signed-in user accepts an invitation sent to their email or phone. */
  @Transactional
  public Joined accept(Caller caller, String token) {
    UUID userId = userId(caller);
    UserAccount user = users.byId(userId).orElseThrow(() -> ProblemException.forbidden(
        "Only a signed-in person can accept an invitation."));
    return join(user, token);
  }

  /** Checks {@code token} before a sign-up does anything: unknown 404, used or expired 410, other contact 403. */
  @Transactional(noRollbackFor = ProblemException.class)
  public Invitation requireUsable(String token, String email, String phone) {
    Invitation invitation = invitations.lock(token).orElseThrow(() -> ProblemException.notFound("This invitation"));
    check(invitation, email, phone);
    return invitation;
  }

  /** Makes {@code user} a member through the invitation of {@code token} (in the caller's transaction). */
  Joined join(UserAccount user, String token) {
    Invitation invitation = invitations.lock(token).orElseThrow(() -> ProblemException.notFound("This invitation"));
    check(invitation, user.email(), user.phone());
    if (invitation.email() != null && !user.emailVerified()) {
      throw new ProblemException(HttpStatus.FORBIDDEN, EMAIL_NOT_VERIFIED,
          "Email not verified", "Verify your email address first (the link we mailed you, or POST"
          + " /api/v1/identity/email-verification/resend for a new one); then accept the invitation.");
    }
    Optional<Membership> current = users.membership(user.id());
    if (current.isPresent()) {
      throw ProblemException.conflict("You already belong to Organization " + current.get().organization()
          + "; a user belongs to one Organization. Ask its org-admin to remove you first.");
    }
    Instant now = clock.instant();
    users.addMembership(new Membership(user.id(), invitation.organization(), invitation.roles(),
        invitation.environments(), now));
    invitations.markAccepted(invitation.id(), user.id(), now);
    outbox.publish(CatalystEvent.of(IdentityEvents.MEMBER_JOINED, "users/" + user.id(), invitation.organization(),
        new IdentityEvents.MemberJoined(user.id().toString(), invitation.organization(), invitation.roles(),
            invitation.environments(), invitation.id().toString())).by(user.id().toString()));
    return new Joined(invitation.organization(), invitation.roles(), invitation.environments());
  }

  private void check(Invitation invitation, String email, String phone) {
    switch (InvitationTokens.Verdict.of(invitation.acceptedAt(), invitation.revokedAt(), invitation.expiresAt(),
        clock.instant())) {
      case USED -> throw ProblemException.gone("This invitation was already used.");
      case REVOKED -> throw ProblemException.gone("This invitation was withdrawn by the Organization.");
      case EXPIRED -> throw ProblemException.gone(
          "This invitation has expired; ask an org-admin of the Organization to invite you again.");
      default -> { }
    }
    boolean matches = (invitation.email() != null && invitation.email().equals(email))
        || (invitation.phone() != null && invitation.phone().equals(phone));
    if (!matches) {
      throw ProblemException.forbidden("This invitation was sent to another " + (invitation.email() != null
          ? "email address" : "phone number") + "; sign in with that one to accept it.");
    }
  }

  @Transactional
  public Membership setRoles(Caller caller, String org, UUID userId, List<String> roles, List<String> environments) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    List<Membership> all = users.lockMembers(org);
    Membership before = member(all, org, userId);
    RoleBindings.Binding after = RoleBindings.validate(org, roles, environments);
    if (RoleBindings.leavesNoAdmin(before.roles().contains(ADMIN), after.roles().contains(ADMIN),
        otherAdmins(all, userId))) {
      throw lastAdmin();
    }
    RoleBindings.Change change = RoleBindings.diff(before.roles(), before.environments(), after);
    users.updateRoles(userId, after.roles(), after.environments());
    String actor = caller.subject();
    for (String role : change.granted()) {
      granted(org, userId, role, after, actor);
    }
    if (change.environmentsChanged()) {
      granted(org, userId, Role.ORG_DEVELOPER.value(), after, actor);
    }
    for (String role : change.revoked()) {
      outbox.publish(CatalystEvent.of(IdentityEvents.ROLE_REVOKED, "users/" + userId, org,
          new IdentityEvents.RoleRevoked(userId.toString(), org, role)).by(actor));
    }
    return users.membership(userId).orElseThrow();
  }

  @Transactional
  public void remove(Caller caller, String org, UUID userId) {
    visible(caller, org);
    caller.requireRole(Role.ORG_ADMIN);
    List<Membership> all = users.lockMembers(org);
    Membership member = member(all, org, userId);
    if (RoleBindings.leavesNoAdmin(member.roles().contains(ADMIN), false, otherAdmins(all, userId))) {
      throw lastAdmin();
    }
    users.removeMembership(userId);
    sessions.logoutEverywhere(userId);
    outbox.publish(CatalystEvent.of(IdentityEvents.MEMBER_REMOVED, "users/" + userId, org,
        new IdentityEvents.MemberRemoved(userId.toString(), org, member.roles())).by(caller.subject()));
  }

  private void granted(String org, UUID userId, String role, RoleBindings.Binding after, String actor) {
    List<String> envs = role.equals(Role.ORG_DEVELOPER.value()) ? after.environments() : List.of();
    outbox.publish(CatalystEvent.of(IdentityEvents.ROLE_GRANTED, "users/" + userId, org,
        new IdentityEvents.RoleGranted(userId.toString(), org, role, envs)).by(actor));
  }

  private static Membership member(List<Membership> all, String org, UUID userId) {
    return all.stream().filter(m -> m.userId().equals(userId)).findFirst()
        .orElseThrow(() -> ProblemException.notFound("Member " + userId + " of " + org));
  }

  private static long otherAdmins(List<Membership> all, UUID userId) {
    return all.stream().filter(m -> !m.userId().equals(userId) && m.roles().contains(ADMIN)).count();
  }

  private static ProblemException lastAdmin() {
    return ProblemException.conflict("This is the Organization's last org-admin; make another member org-admin"
        + " first.");
  }

  private void visible(Caller caller, String org) {
    caller.requireVisible(org, "Organization " + org);
    if (!organizations.exists(org)) {
      throw ProblemException.notFound("Organization " + org);
    }
  }

  static UUID userId(Caller caller) {
    try {
      return UUID.fromString(Objects.requireNonNull(caller.subject()));
    } catch (RuntimeException e) {
      throw ProblemException.forbidden("Only a signed-in person can do this.");
    }
  }
}
