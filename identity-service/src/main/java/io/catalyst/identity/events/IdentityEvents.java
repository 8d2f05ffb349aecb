package io.catalyst.identity.events;

import java.time.Instant;
import java.util.List;

/**
 * identity-service's published contract: the data of every event it writes to {@code catalyst.identity.v1}
 * (CloudEvents type {@code io.catalyst.identity.<name>}). Field names are stable; consumers (provisioning, billing,
 * audit) depend on them.
 */
public final class IdentityEvents {

  public static final String USER_SIGNED_UP = "user.signed-up.v1";
  public static final String ORGANIZATION_CREATED = "organization.created.v1";
  public static final String ORGANIZATION_RENAMED = "organization.renamed.v1";
  public static final String LOGIN_FAILURES_REPEATED = "login.failures-repeated.v1";
  public static final String REFRESH_TOKEN_REUSED = "refresh-token.reused.v1";
  public static final String SESSIONS_REVOKED = "sessions.revoked.v1";
  public static final String SIGNING_KEY_ROTATED = "signing-key.rotated.v1";

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

  public record SigningKeyRotated(String kid, Instant signingFrom, List<String> published) {}
}
