package io.catalyst.identity.contract;

import java.time.Instant;
import java.util.List;

/**
 * identity-service's published contract: the data of every event it writes to {@code catalyst.identity.v1}
 * (CloudEvents type {@code io.catalyst.identity.<name>}). Field names are stable; consumers (provisioning, billing,
 * audit) depend on them.
 */
public final class IdentityEvents {

  /**
   * What completes the names below to CloudEvents types (identity's outbox adds it when publishing; a consumer's
   * {@code @CatalystEventHandler(IdentityEvents.PREFIX + IdentityEvents.ORGANIZATION_CREATED)} names the full type).
   */
  public static final String PREFIX = "io.catalyst.identity.";

  public static final String USER_SIGNED_UP = "user.signed-up.v1";
  public static final String ORGANIZATION_CREATED = "organization.created.v1";
  public static final String ORGANIZATION_RENAMED = "organization.renamed.v1";
  public static final String LOGIN_FAILURES_REPEATED = "login.failures-repeated.v1";
  public static final String REFRESH_TOKEN_REUSED = "refresh-token.reused.v1";
  public static final String SESSIONS_REVOKED = "sessions.revoked.v1";
  public static final String SIGNING_KEY_ROTATED = "signing-key.rotated.v1";
  public static final String MEMBER_INVITED = "member.invited.v1";
  public static final String MEMBER_JOINED = "member.joined.v1";
  public static final String INVITATION_REVOKED = "invitation.revoked.v1";
  public static final String MEMBER_REMOVED = "member.removed.v1";
  public static final String ROLE_GRANTED = "role.granted.v1";
  public static final String ROLE_REVOKED = "role.revoked.v1";
  public static final String TEAM_CREATED = "team.created.v1";
  public static final String TEAM_RENAMED = "team.renamed.v1";
  public static final String TEAM_MEMBER_ADDED = "team.member-added.v1";
  public static final String TEAM_MEMBER_REMOVED = "team.member-removed.v1";
  public static final String ORGANIZATION_SUSPENDED = "organization.suspended.v1";
  public static final String ORGANIZATION_REACTIVATED = "organization.reactivated.v1";
  public static final String TOKEN_CREATED = "token.created.v1";
  public static final String TOKEN_REVOKED = "token.revoked.v1";
  public static final String TEAM_DELETED = "team.deleted.v1";
  public static final String EMAIL_VERIFIED = "email.verified.v1";
  public static final String SSO_CLIENT_REGISTERED = "sso-client.registered.v1";
  public static final String SSO_CLIENT_REMOVED = "sso-client.removed.v1";
  public static final String SSO_CLIENT_SECRET_READ = "sso-client.secret-read.v1";
  public static final String LOGIN_SUCCEEDED = "login.succeeded.v1";
  public static final String LOGIN_FAILED = "login.failed.v1";

  private IdentityEvents() {}

  /** A person signed up ({@code method}: {@code phone} or {@code email}) and created {@code organization}. */
  public record UserSignedUp(String userId, String organization, String method) {}

  /** provisioning-service creates {@code {organization}-prod} from it. */
  public record OrganizationCreated(String organization, String displayName, String createdBy, String style) {}

  public record OrganizationRenamed(String organization, String displayName, String previousDisplayName) {}

  /** An account reached the failure threshold and is locked until {@code lockedUntil}. */
  public record LoginFailuresRepeated(String userId, int failures, Instant lockedUntil) {}

  /** A rotated refresh token was presented again: the whole family (login) was revoked. */
  public record RefreshTokenReused(String userId, String family) {}

  /** Refresh families ended by the user: {@code scope} {@code session} (logout) or {@code everywhere}. */
  public record SessionsRevoked(String userId, String scope, int families) {}

  /**
   * A new signing key was published ({@code kid}); it signs from {@code signingFrom}. {@code published} are the key
   * ids in the JWKS right after the rotation; {@code trigger} is {@code on-demand} or {@code scheduled}.
   */
  public record SigningKeyRotated(String kid, Instant signingFrom, List<String> published, String trigger) {}

  /** An invitation was sent ({@code channel}: {@code email} or {@code phone}; the address itself is not in it). */
  public record MemberInvited(String invitationId, String organization, List<String> roles, List<String> environments,
      String channel, Instant expiresAt) {}

  /** A user accepted an invitation and now belongs to {@code organization}. */
  public record MemberJoined(String userId, String organization, List<String> roles, List<String> environments,
      String invitationId) {}

  public record InvitationRevoked(String invitationId, String organization) {}

  public record MemberRemoved(String userId, String organization, List<String> roles) {}

  /** A role given to a member; for {@code org-developer} also sent when its Environments change. */
  public record RoleGranted(String userId, String organization, String role, List<String> environments) {}

  public record RoleRevoked(String userId, String organization, String role) {}

  public record TeamCreated(String organization, String team, String displayName) {}

  public record TeamRenamed(String organization, String team, String displayName, String previousDisplayName) {}

  public record TeamMemberAdded(String organization, String team, String userId) {}

  public record TeamMemberRemoved(String organization, String team, String userId) {}

  /** The Organization's users get no new tokens until it is reactivated. */
  public record OrganizationSuspended(String organization, String reason) {}

  public record OrganizationReactivated(String organization) {}

  /** A personal access token was created (never the token itself). */
  public record TokenCreated(String userId, String tokenId, String name, List<String> scopes, Instant expiresAt) {}

  public record TokenRevoked(String userId, String tokenId) {}

  /** A team was deleted; its memberships went with it ({@code members} of them). */
  public record TeamDeleted(String organization, String team, long members) {}

  /** A user proved their email (the address itself is not in the event). */
  public record EmailVerified(String userId, String organization) {}

  /**
   * An Application's OIDC client was registered or its redirect URIs changed ({@code created} tells which). Never
   * the secret: {@code secretRef} is what the secret store resolves.
   */
  public record SsoClientRegistered(String organization, String environment, String application, String clientId,
      List<String> redirectUris, String secretRef, boolean created) {}

  /** An Application's OIDC client was removed (the Application was uninstalled). */
  public record SsoClientRemoved(String organization, String environment, String application, String clientId) {}

  /**
   * Who read an Application's OIDC client secret ({@code reader}: the secret store's client id), never the secret.
   */
  public record SsoClientSecretRead(String organization, String environment, String application, String clientId,
      String reader) {}

  /**
   * A user proved who they are and was signed in. {@code method}: {@code password} (the JSON login or the
   * authorization server's login form), {@code phone-code}, or {@code federation} (then {@code provider} names the
   * upstream provider; null otherwise). {@code surface}: {@code ui}, {@code api} (as the envelope's
   * {@code ce_surface}). {@code clientId}: the OAuth2 client the browser login was for (the console, an Application's
   * SSO client), null for the JSON login. A refresh, or an authorize request answered from an existing session, is no
   * login. Never a password, code or token.
   */
  public record LoginSucceeded(String userId, String organization, String method, String provider, String surface,
      String clientId) {}

  /**
   * Someone gave a wrong password for an existing account ({@code method} {@code password}; {@code reason}
   * {@code wrong-password}); {@code failures} counts the consecutive failures, the fifth locks the account (then
   * {@code login.failures-repeated.v1} follows). The lockout bounds how many of these one account can cause, so an
   * attacker cannot flood the audit trail; attempts on an email without an account, and attempts while locked, publish
   * nothing (they are counted and answered like the others). {@code surface}: {@code ui} or {@code api}. The actor is
   * {@code anonymous}: nobody proved who they are. Never the password.
   */
  public record LoginFailed(String userId, String organization, String method, String reason, int failures,
      String surface) {}
}
