package io.catalyst.identity.organization;

import io.catalyst.identity.events.IdentityEvents;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrganizationService {

  private final Organizations organizations;
  private final Outbox outbox;
  private final Clock clock;

  OrganizationService(Organizations organizations, Outbox outbox, Clock clock) {
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

  /** Every Organization, searched by slug or display name (sovereign-admin). */
  @Transactional(readOnly = true)
  public io.catalyst.identity.web.Page<Organization> search(Caller caller, String q, String status, int page,
      int size) {
    requireSovereignAdmin(caller);
    io.catalyst.identity.web.Page.check(page, size);
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
    }
    return organizations.find(slug).orElseThrow();
  }

  private static void requireSovereignAdmin(Caller caller) {
    if (!caller.isSovereignAdmin()) {
      throw ProblemException.forbidden("This needs the role sovereign-admin.");
    }
  }
}
