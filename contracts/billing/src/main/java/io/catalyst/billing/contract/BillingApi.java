package io.catalyst.billing.contract;

import java.time.LocalDate;
import java.util.List;

/**
 * The REST DTOs other services send to and read from billing-service. Amounts are minor units (baisa for OMR) of the
 * Sovereign's one billing currency, named in {@code currency}.
 */
public final class BillingApi {

  /** {@code POST}: what an install or a plan change would cost, and whether the plan allows it. No side effects. */
  public static final String QUOTES = "/api/v1/billing/quotes";

  /** One Application the install would add. */
  public record Item(String application, String blueprint, String version) {}

  /**
   * What the Organization has now (provisioning knows it; billing's own metering comes later); the limits are checked
   * against this plus the install.
   */
  public record Usage(int environments, int applications, int cpuMillis, int memoryMb) {}

  /**
   * A change from {@code fromPlan} to {@code toPlan} today, in the monthly period anchored on {@code periodStart}'s
   * day (the subscription's start).
   */
  public record PlanChange(String fromPlan, String toPlan, LocalDate periodStart) {}

  /**
   * A quote request: {@code items} to be installed in {@code environment} (may be empty for a plan change alone), as a
   * part of the bundle {@code bundle} (its composite Blueprint, or null), under {@code plan} (null: no plan to check
   * limits against), with what the Organization has now ({@code usage}, null: nothing counted) and an optional plan
   * change.
   */
  public record QuoteRequest(String organization, String environment, String plan, String bundle, List<Item> items,
      Usage usage, PlanChange planChange) {}

  /** A plan's limits; null = no fixed limit. */
  public record Limits(Integer maxEnvironments, Integer maxApplications, Integer cpuMillis, Integer memoryMb,
      Integer storageGb) {}

  /**
   * One priced line: {@code kind} {@code application}, {@code bundle} or {@code plan}; for an Application its name and
   * Blueprint; the monthly amount.
   */
  public record Line(String kind, String blueprint, String application, long monthlyMinor, String description) {}

  /** A plan change prorated to the day: unused days of the old plan credited, remaining days of the new charged. */
  public record Proration(String fromPlan, String toPlan, LocalDate periodStart, LocalDate periodEnd,
      LocalDate changeOn, long daysInPeriod, long daysLeft, long creditMinor, long chargeMinor, long dueNowMinor) {}

  /**
   * The answer (provisioning's {@code BillingClient.Quote}, extended): whether prices exist in the Sovereign's
   * currency, the change of the monthly bill, whether the plan's limits hold and which do not, whether payment is
   * needed before the change may be applied, the plan and limits checked, the lines and the proration.
   */
  public record Quote(boolean pricingAvailable, String currency, Long monthlyChangeMinor, boolean withinLimits,
      List<String> limitProblems, String note, boolean paymentRequired, String plan, Limits limits, List<Line> lines,
      Proration proration) {

    /** billing-service cannot be asked: no price shown, no limit applied, no payment asked. */
    public static Quote unavailable(String note) {
      return new Quote(false, null, null, true, List.of(), note, false, null, null, List.of(), null);
    }
  }

  private BillingApi() {}
}
