package io.catalyst.billing.money;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A plan change in the middle of a billing period, prorated to the day: the unused days of the old plan are credited
 * and the remaining days of the new plan charged, each as {@code price × daysLeft / daysInPeriod} rounded half away
 * from zero ({@link Money#fraction}); what is due now is the charge minus the credit (negative: credit for the
 * Organization). The change takes effect at the start of {@code changeOn}, so that day is paid at the new price.
 *
 * @param periodStart  first day of the period
 * @param periodEnd    first day of the next period (exclusive)
 * @param changeOn     the day the change takes effect, within the period
 * @param daysInPeriod days of the period
 * @param daysLeft     days from {@code changeOn} to the period's end
 * @param credit       unused part of the old price
 * @param charge       remaining part of the new price
 */
public record Proration(LocalDate periodStart, LocalDate periodEnd, LocalDate changeOn, long daysInPeriod,
    long daysLeft, Money credit, Money charge) {

  /** The proration of a change from {@code oldPrice} to {@code newPrice} (monthly) on {@code changeOn}. */
  public static Proration of(Money oldPrice, Money newPrice, LocalDate periodStart, LocalDate periodEnd,
      LocalDate changeOn) {
    if (!periodEnd.isAfter(periodStart)) {
      throw new IllegalArgumentException("a period ends after it starts");
    }
    if (changeOn.isBefore(periodStart) || !changeOn.isBefore(periodEnd)) {
      throw new IllegalArgumentException("the change day " + changeOn + " is outside the period " + periodStart
          + " to " + periodEnd);
    }
    long days = ChronoUnit.DAYS.between(periodStart, periodEnd);
    long left = ChronoUnit.DAYS.between(changeOn, periodEnd);
    return new Proration(periodStart, periodEnd, changeOn, days, left, oldPrice.fraction(left, days),
        newPrice.fraction(left, days));
  }

  /** The monthly period that contains {@code day}, anchored on {@code anchorDay} of the month (clamped to its end). */
  public static LocalDate[] monthlyPeriod(LocalDate day, int anchorDay) {
    LocalDate start = anchored(day.withDayOfMonth(1), anchorDay);
    if (start.isAfter(day)) {
      start = anchored(day.withDayOfMonth(1).minusMonths(1), anchorDay);
    }
    LocalDate end = anchored(start.withDayOfMonth(1).plusMonths(1), anchorDay);
    return new LocalDate[] {start, end};
  }

  private static LocalDate anchored(LocalDate firstOfMonth, int anchorDay) {
    return firstOfMonth.withDayOfMonth(Math.min(anchorDay, firstOfMonth.lengthOfMonth()));
  }

  /** Charge minus credit: positive is owed now, negative is credited. */
  public Money dueNow() {
    return charge.minus(credit);
  }
}
