package io.catalyst.audit.record;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;

/**
 * Who may read which records (docs/audit.md, Roles): a sovereign-admin every chain, the Sovereign's included;
 * org-admins and security-officers their Organization's; org-developers their own actions in their Organization;
 * nobody else anything. Another Organization's records are answered as not existing (404), never 403.
 */
public final class AuditScope {

  /** What a caller's query is held to: a chain (null: every chain) and an actor (null: any). */
  public record Scope(String chain, String actor) {}

  private AuditScope() {}

  /**
   * The chain a whole-chain operation (verify, export) works on: {@code organization} (or {@code _sovereign}), else
   * the caller's own. Needs org-admin or security-officer in that Organization, or sovereign-admin.
   */
  public static String wholeChain(Caller caller, String organization) {
    if (caller.isSovereignAdmin()) {
      if (organization == null || organization.isBlank()) {
        throw ProblemException.badRequest("Name the organization whose records to take (or "
            + AuditRecord.SOVEREIGN + " for the Sovereign's own).");
      }
      return organization;
    }
    String chain = organization == null || organization.isBlank() ? caller.organization() : organization;
    if (caller.organization() == null || !caller.organization().equals(chain)) {
      throw ProblemException.notFound("Organization " + chain);
    }
    if (!caller.hasAny(Role.ORG_ADMIN, Role.SECURITY_OFFICER)) {
      throw ProblemException.forbidden("This needs the role org-admin or security-officer in your Organization.");
    }
    return chain;
  }

  /** The scope of a query for {@code organization} (null: the caller's own, or every one for a sovereign-admin). */
  public static Scope query(Caller caller, String organization) {
    String asked = organization == null || organization.isBlank() ? null : organization;
    if (caller.isSovereignAdmin()) {
      return new Scope(asked, null);
    }
    if (caller.organization() == null || (asked != null && !asked.equals(caller.organization()))) {
      throw ProblemException.notFound("Organization " + (asked == null ? "" : asked));
    }
    if (caller.hasAny(Role.ORG_ADMIN, Role.SECURITY_OFFICER)) {
      return new Scope(caller.organization(), null);
    }
    if (caller.has(Role.ORG_DEVELOPER)) {
      return new Scope(caller.organization(), caller.subject());
    }
    throw ProblemException.forbidden("Audit records need the role org-admin, security-officer or org-developer "
        + "(your own actions) in your Organization.");
  }

  /** Whether {@code record} is within the caller's query scope (a record outside it is answered 404). */
  public static boolean mayRead(Caller caller, AuditRecord record) {
    if (caller.isSovereignAdmin()) {
      return true;
    }
    if (caller.organization() == null || !caller.organization().equals(record.organization())) {
      return false;
    }
    if (caller.hasAny(Role.ORG_ADMIN, Role.SECURITY_OFFICER)) {
      return true;
    }
    return caller.has(Role.ORG_DEVELOPER) && caller.subject() != null && caller.subject().equals(record.actor());
  }
}
