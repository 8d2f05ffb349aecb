package io.catalyst.identity.organization;

import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.web.problem.ProblemException;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Whether a user's Organization is suspended: its users get no new tokens (login, refresh, authorization code). */
@Component
public class OrganizationStatus {

  public static final String SUSPENDED = "suspended";
  public static final URI SUSPENDED_TYPE = ProblemTypes.of("organization-suspended");

  private final Users users;
  private final Organizations organizations;

  OrganizationStatus(Users users, Organizations organizations) {
    this.users = users;
    this.organizations = organizations;
  }

  /** The suspended Organization {@code userId} belongs to, if it is suspended. */
  public Optional<String> suspendedOrganizationOf(UUID userId) {
    return users.membership(userId).map(Membership::organization)
        .filter(org -> organizations.find(org).map(o -> SUSPENDED.equals(o.status())).orElse(false));
  }

  /** 403 {@code organization-suspended} when the user's Organization is suspended. */
  public void requireActive(UUID userId) {
    suspendedOrganizationOf(userId).ifPresent(org -> {
      throw new ProblemException(HttpStatus.FORBIDDEN, SUSPENDED_TYPE, "Organization suspended",
          "Organization " + org + " is suspended, so no one in it can sign in. Contact the Sovereign's operator.")
          .with("organization", org);
    });
  }
}
