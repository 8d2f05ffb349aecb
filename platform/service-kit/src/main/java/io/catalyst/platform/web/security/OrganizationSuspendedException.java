package io.catalyst.platform.web.security;

import org.springframework.security.core.AuthenticationException;

/** The token is valid but its Organization is suspended: answered 403 {@code organization-suspended}. */
public class OrganizationSuspendedException extends AuthenticationException {

  private final String organization;

  public OrganizationSuspendedException(String organization) {
    super("Organization " + organization + " is suspended");
    this.organization = organization;
  }

  public String organization() {
    return organization;
  }

  /** What the problem's {@code detail} says. */
  public String detail() {
    return "The Organization " + organization + " is suspended by the Sovereign's administrators, so its tokens are "
        + "refused until it is reactivated. Contact the Sovereign's support.";
  }
}
