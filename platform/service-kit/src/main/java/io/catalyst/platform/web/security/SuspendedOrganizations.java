package io.catalyst.platform.web.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The Organizations this process currently knows to be suspended, whose tokens (JWTs and personal access tokens) it
 * refuses. Fed by {@link SuspendedOrganizationsPoller} (identity-service's list, replaced as a whole on every
 * successful poll) and by anything that learns of a single change sooner ({@link #suspended}, {@link #reactivated}).
 * When identity-service cannot be reached the last known set stays in force.
 */
public class SuspendedOrganizations {

  private final Clock clock;
  private volatile Set<String> suspended = Set.of();
  private volatile Instant refreshedAt;

  public SuspendedOrganizations() {
    this(Clock.systemUTC());
  }

  public SuspendedOrganizations(Clock clock) {
    this.clock = clock;
  }

  public boolean isSuspended(String organization) {
    return organization != null && suspended.contains(organization);
  }

  /**
   * Whether a caller must be refused: one acting in a suspended Organization. Services (role {@code service}) and
   * callers without an Organization (sovereign-admin) never are.
   */
  public boolean refuses(Caller caller) {
    return caller.isAuthenticated() && !caller.isService() && isSuspended(caller.organization());
  }

  /** Replaces the whole set with identity-service's current list. */
  public synchronized void replaceAll(Collection<String> organizations) {
    suspended = Set.copyOf(organizations);
    refreshedAt = clock.instant();
  }

  public synchronized void suspended(String organization) {
    Set<String> next = new HashSet<>(suspended);
    next.add(organization);
    suspended = Set.copyOf(next);
  }

  public synchronized void reactivated(String organization) {
    Set<String> next = new HashSet<>(suspended);
    next.remove(organization);
    suspended = Set.copyOf(next);
  }

  public Set<String> current() {
    return suspended;
  }

  /** When the whole list was last read from identity-service, or null when it never was. */
  public Instant refreshedAt() {
    return refreshedAt;
  }
}
