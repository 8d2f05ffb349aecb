package io.catalyst.identity.member;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.otp.OtpService;
import io.catalyst.identity.signup.PasswordPolicy;
import io.catalyst.identity.token.SessionTokens;
import io.catalyst.identity.token.TokenResponse;
import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up of an invited person: with the invited email, the code mailed to it and a password, or the invited phone
 * and the code sent to it. The invitation is checked first (410 when used or expired, before a code is spent); then
 * the code, and only then whether the contact has an account (409): the inviter holds the invitation token too (the
 * invite answer carries it), so the token proves nothing about the mailbox or phone, and must neither tell the
 * inviter which contacts have an account nor let the inviter make an account with someone else's verified email.
 * The new user joins the inviting Organization with the invited roles and gets a session. No Organization is
 * created.
 */
@Service
public class InvitationSignup {

  private final MemberService members;
  private final Users users;
  private final OtpService otp;
  private final SessionTokens sessions;
  private final PasswordEncoder passwords;
  private final Outbox outbox;
  private final Clock clock;

  InvitationSignup(MemberService members, Users users, OtpService otp, SessionTokens sessions,
      PasswordEncoder passwords, Outbox outbox, Clock clock) {
    this.members = members;
    this.users = users;
    this.otp = otp;
    this.sessions = sessions;
    this.passwords = passwords;
    this.outbox = outbox;
    this.clock = clock;
  }

  public record Request(String token, String email, String password, String phone, String code, String name) {}

  @Transactional(noRollbackFor = ProblemException.class)
  public TokenResponse signUp(Request request, String address) {
    if (request.token() == null || request.token().isBlank()) {
      throw ProblemException.invalid("Give the invitation token.",
          List.of(FieldProblem.field("token", "must be the token of your invitation")));
    }
    boolean byPhone = request.phone() != null && !request.phone().isBlank();
    String email = byPhone ? null : ContactNormalizer.email(request.email()).orElseThrow(() -> ProblemException
        .invalid("The email is not valid.", List.of(FieldProblem.field("email", "must be the invited email"))));
    String phone = byPhone ? ContactNormalizer.phone(request.phone()).orElseThrow(() -> ProblemException.invalid(
        "The phone number is not valid.", List.of(FieldProblem.field("phone", "must be the invited phone number"))))
        : null;
    String name = request.name() == null || request.name().isBlank() ? null : request.name().trim();
    if (name != null && name.length() > 100) {
      throw ProblemException.invalid("The name is too long.",
          List.of(FieldProblem.field("name", "must be at most 100 characters")));
    }
    if (!byPhone) {
      PasswordPolicy.problem(request.password(), email, name).ifPresent(p -> {
        throw ProblemException.invalid("The password is not valid: " + p + ".",
            List.of(FieldProblem.field("password", p)));
      });
    }
    if (request.code() == null || !request.code().matches("\\d{6}")) {
      String how = byPhone ? "sent by SMS" : "mailed to the address (POST /api/v1/identity/otp with the email)";
      throw ProblemException.invalid("Give the code " + how + ".",
          List.of(FieldProblem.field("code", "must be the 6-digit code " + how)));
    }
    Invitation invitation = members.requireUsable(request.token(), email, phone);
    otp.verify(byPhone ? phone : email, request.code(), address);
    if ((byPhone ? users.byPhone(phone) : users.byEmail(email)).isPresent()) {
      // Only the holder of the phone or mailbox gets here. The code is spent.
      throw ProblemException.conflict("An account with this " + (byPhone ? "phone number" : "email")
          + " exists; sign in and accept the invitation instead.");
    }
    Instant now = clock.instant();
    UserAccount user = UserAccount.newUser(UUID.randomUUID(), email, phone,
        byPhone ? null : passwords.encode(request.password()), name, now);
    if (!byPhone) {
      user = user.withEmailVerified(); // the code reached this mailbox: the address is proven
    }
    users.insert(user);
    String actor = user.id().toString();
    outbox.publish(CatalystEvent.of(IdentityEvents.USER_SIGNED_UP, "users/" + user.id(), invitation.organization(),
        new IdentityEvents.UserSignedUp(actor, invitation.organization(), byPhone ? "phone" : "email")).by(actor));
    members.join(user, request.token());
    return sessions.start(user.id());
  }
}
