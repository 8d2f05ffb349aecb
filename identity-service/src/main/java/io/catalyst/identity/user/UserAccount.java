package io.catalyst.identity.user;

import java.time.Instant;
import java.util.UUID;

/** A person who signs in: by phone and one-time code, by email and password, or both. */
public record UserAccount(
    UUID id, String email, String phone, String passwordHash, String displayName, boolean emailVerified,
    boolean sovereignAdmin, int failedLogins, Instant lockedUntil, Instant createdAt) {

  public static UserAccount newUser(UUID id, String email, String phone, String passwordHash, String displayName,
      Instant createdAt) {
    return new UserAccount(id, email, phone, passwordHash, displayName, false, false, 0, null, createdAt);
  }

  /** The same account with its email proven (an invitation mailed to it, or a verification link). */
  public UserAccount withEmailVerified() {
    return new UserAccount(id, email, phone, passwordHash, displayName, true, sovereignAdmin, failedLogins,
        lockedUntil, createdAt);
  }

  public UserAccount asSovereignAdmin() {
    return new UserAccount(id, email, phone, passwordHash, displayName, emailVerified, true, failedLogins, lockedUntil,
        createdAt);
  }
}
