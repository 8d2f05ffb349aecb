package io.catalyst.provisioning.contract;

import java.util.List;

/** The data of {@code io.catalyst.provisioning.install.*.v1} events: the outcome of applying an install plan. */
public final class InstallEvents {

  /**
   * {@code install.applied.v1}: every Application of the plan is installed (each also has its
   * {@code application.installed.v1}); billing completes the order, audit records the install.
   *
   * @param install      the install plan's id
   * @param applications the Applications the plan installed
   * @param appliedBy    who asked for it
   */
  public record Applied(String organization, String environment, String install, List<String> applications,
      String appliedBy) {}

  /**
   * {@code install.rolled-back.v1}: applying the plan failed and what it had done was undone (billing compensates a
   * paid order).
   *
   * @param failedAt   the step that failed ({@code create repository pharmacy-erp}, {@code plan limits}, …)
   * @param reason     why, as the install's {@code failure} says it
   * @param unresolved compensations that failed themselves (left for an operator), as text
   */
  public record RolledBack(String organization, String environment, String install, List<String> applications,
      String failedAt, String reason, List<String> unresolved, String requestedBy) {}

  private InstallEvents() {}
}
