package io.catalyst.platform.core;

import java.util.Arrays;
import java.util.Optional;

/** The roles of DOMAIN.md §1.4, by their exact token strings. */
public enum Role {
  SOVEREIGN_ADMIN("sovereign-admin"),
  ORG_ADMIN("org-admin"),
  ORG_DEVELOPER("org-developer"),
  ORG_VIEWER("org-viewer"),
  SECURITY_OFFICER("security-officer"),
  BILLING_ADMIN("billing-admin"),
  /** A Catalyst service calling another with a client-credentials token. */
  SERVICE("service");

  private final String value;

  Role(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** The Spring Security authority for this role, e.g. {@code ROLE_org-admin}. */
  public String authority() {
    return "ROLE_" + value;
  }

  public static Optional<Role> of(String value) {
    return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
  }
}
