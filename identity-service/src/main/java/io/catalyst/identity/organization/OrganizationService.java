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
}
