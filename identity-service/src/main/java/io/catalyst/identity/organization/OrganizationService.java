package io.catalyst.identity.organization;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.SuspendedOrganizations;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
public class OrganizationService {

  private final Organizations organizations;
  private final Outbox outbox;
  private final Clock clock;
  private final SuspendedOrganizations suspendedOrganizations;

  OrganizationService(Organizations organizations, Outbox outbox, Clock clock,
      SuspendedOrganizations suspendedOrganizations) {
    this.suspendedOrganizations = suspendedOrganizations;
    this.organizations = organizations;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Any member of the Organization (any role), sovereign-admins and services; others get 404. */
  @Transactional(readOnly = true)
  public Organization read(Caller caller, String slug) {
    caller.requireVisible(slug, "Organization " + slug);
    return organizations.find(slug).orElseThrow(() -> ProblemException.notFound("Organization " + slug));
  }

  /** Changes the display name (the slug is immutable): org-admin of that Organization or sovereign-admin. */
  @Transactional
  public Organization rename(Caller caller, String slug, String displayName) {
    Organization current = read(caller, slug);
    caller.requireRole(Role.ORG_ADMIN);
    String name = displayName == null ? "" : displayName.trim();
    if (name.isEmpty() || name.length() > 100) {
      throw ProblemException.invalid("The display name is not valid.",
          List.of(FieldProblem.field("displayName", "must be 1 to 100 characters")));
    }
    if (name.equals(current.displayName())) {
      return current;
    }
    organizations.rename(slug, name, clock.instant());
    outbox.publish(CatalystEvent.of(IdentityEvents.ORGANIZATION_RENAMED, "organizations/" + slug, slug,
        new IdentityEvents.OrganizationRenamed(slug, name, current.displayName())).by(caller.subject()));
    return organizations.find(slug).orElseThrow();
  }

  /** Services may ask for pages this large (a validator polling the suspended Organizations in one call). */
  public static final int SERVICE_MAX_SIZE = 1000;

  /**
   * Every Organization, searched by slug or display name: sovereign-admins, and services (a platform validator polls
   * {@code ?status=suspended} to refuse suspended Organizations' tokens; pages up to 1000 for them).
   */
  @Transactional(readOnly = true)
  public io.catalyst.identity.web.Page<Organization> search(Caller caller, String q, String status, int page,
      int size) {
    if (!caller.isSovereignAdmin() && !caller.isService()) {
      throw ProblemException.forbidden("This needs the role sovereign-admin.");
    }
    io.catalyst.identity.web.Page.check(page, size,
        caller.isService() ? SERVICE_MAX_SIZE : io.catalyst.identity.web.Page.MAX_SIZE);
    if (q != null && q.length() > 100) {
      throw ProblemException.invalid("The search is too long.",
          List.of(FieldProblem.field("q", "at most 100 characters")));
    }
    if (status != null && !status.equals("active") && !status.equals(OrganizationStatus.SUSPENDED)) {
      throw ProblemException.invalid("Unknown status.",
          List.of(FieldProblem.field("status", "must be active or suspended")));
    }
    return new io.catalyst.identity.web.Page<>(organizations.search(q, status, page, size), page, size,
        organizations.count(q, status));
  }

  /** Suspends (sovereign-admin): its users get no new tokens. Suspending a suspended Organization changes nothing. */
  @Transactional
  public Organization suspend(Caller caller, String slug, String reason) {
    requireSovereignAdmin(caller);
    organizations.find(slug).orElseThrow(() -> ProblemException.notFound("Organization " + slug));
    String why = reason == null || reason.isBlank() ? null : reason.trim();
    if (why != null && why.length() > 500) {
      throw ProblemException.invalid("The reason is too long.",
          List.of(FieldProblem.field("reason", "must be at most 500 characters")));
    }
    if (organizations.setStatus(slug, OrganizationStatus.SUSPENDED, why, clock.instant())) {
      outbox.publish(CatalystEvent.of(IdentityEvents.ORGANIZATION_SUSPENDED, "organizations/" + slug, slug,
          new IdentityEvents.OrganizationSuspended(slug, why)).by(caller.subject()));
      afterCommit(() -> suspendedOrganizations.suspended(slug));
    }
    return organizations.find(slug).orElseThrow();
  }

  @Transactional
  public Organization reactivate(Caller caller, String slug) {
    requireSovereignAdmin(caller);
    organizations.find(slug).orElseThrow(() -> ProblemException.notFound("Organization " + slug));
    if (organizations.setStatus(slug, "active", null, clock.instant())) {
      outbox.publish(CatalystEvent.of(IdentityEvents.ORGANIZATION_REACTIVATED, "organizations/" + slug, slug,
          new IdentityEvents.OrganizationReactivated(slug)).by(caller.subject()));
      afterCommit(() -> suspendedOrganizations.reactivated(slug));
    }
    return organizations.find(slug).orElseThrow();
  }

  /**
   * This replica's own API refuses (or accepts again) the Organization's tokens as soon as the change is committed;
   * other replicas learn it from their next read of the table ({@link SuspensionRefresh}).
   */
  private static void afterCommit(Runnable action) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }

  private static void requireSovereignAdmin(Caller caller) {
    if (!caller.isSovereignAdmin()) {
      throw ProblemException.forbidden("This needs the role sovereign-admin.");
    }
  }
}
