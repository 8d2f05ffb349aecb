package io.catalyst.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The written-down rules of docs/billing.md, "Money", one example each. */
class MoneyTest {

  static final Currency OMR = Currency.getInstance("OMR");
  static final Currency BHD = Currency.getInstance("BHD");
  static final Currency EUR = Currency.getInstance("EUR");

  @Test
  void omrAndBhdHaveThreeDecimalsEurTwo() {
    assertThat(Money.parse("12.345", OMR).minor()).isEqualTo(12_345);
    assertThat(Money.parse("49", BHD).minor()).isEqualTo(49_000);
    assertThat(Money.parse("9.99", EUR).minor()).isEqualTo(999);
    assertThat(Money.ofMinor(5_000, OMR)).hasToString("OMR 5.000");
    assertThat(Money.ofMinor(-1, BHD)).hasToString("BHD -0.001");
  }

  @Test
  void moreDecimalsThanTheCurrencyHasAreRefusedNotRounded() {
    assertThatThrownBy(() -> Money.parse("1.2345", OMR)).hasMessageContaining("OMR has 3 decimals");
    assertThatThrownBy(() -> Money.parse("1.005", EUR)).hasMessageContaining("EUR has 2 decimals");
    assertThat(Money.parse("1.2000", OMR).minor()).isEqualTo(1_200);
  }

  @Test
  void mixingCurrenciesIsRefused() {
    Money omr = Money.ofMinor(1_000, OMR);
    Money bhd = Money.ofMinor(1_000, BHD);
    assertThatThrownBy(() -> omr.plus(bhd)).isInstanceOf(CurrencyMismatchException.class)
        .hasMessage("amounts in OMR and BHD cannot be combined");
    assertThatThrownBy(() -> omr.minus(bhd)).isInstanceOf(CurrencyMismatchException.class);
    assertThatThrownBy(() -> omr.compareTo(bhd)).isInstanceOf(CurrencyMismatchException.class);
    assertThatThrownBy(() -> Totals.of(OMR, List.of(omr, bhd), 0, Money.zero(OMR)))
        .isInstanceOf(CurrencyMismatchException.class);
  }

  @Test
  void overflowIsRefused() {
    assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE, OMR).plus(Money.ofMinor(1, OMR)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aFractionRoundsHalfAwayFromZero() {
    Money five = Money.ofMinor(5_000, OMR);
    assertThat(five.fraction(1, 3).minor()).isEqualTo(1_667);
    assertThat(five.negate().fraction(1, 3).minor()).isEqualTo(-1_667);
    assertThat(Money.ofMinor(1, OMR).fraction(1, 2).minor()).isEqualTo(1);
    assertThat(Money.ofMinor(-1, OMR).fraction(1, 2).minor()).isEqualTo(-1);
    assertThat(Money.ofMinor(9_000, OMR).percent(500).minor()).isEqualTo(450);
  }

  @Test
  void allocationGivesTheLeftoverUnitsToTheLargestRemaindersEarlierFirst() {
    assertThat(Money.ofMinor(100, OMR).allocate(1, 1, 1)).extracting(Money::minor).containsExactly(34L, 33L, 33L);
    assertThat(Money.ofMinor(-100, OMR).allocate(1, 1, 1)).extracting(Money::minor).containsExactly(-34L, -33L, -33L);
    assertThat(Money.ofMinor(5, OMR).allocate(3, 7)).extracting(Money::minor).containsExactly(2L, 3L);
    assertThat(Money.ofMinor(5, OMR).allocate(2, 8)).extracting(Money::minor).containsExactly(1L, 4L);
    assertThat(Money.ofMinor(10, OMR).allocate(0, 1)).extracting(Money::minor).containsExactly(0L, 10L);
    assertThatThrownBy(() -> Money.ofMinor(10, OMR).allocate(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void totalsTaxEachLineAndApplyCreditUpToTheTotal() {
    var lines = List.of(Money.ofMinor(5_000, OMR), Money.ofMinor(3_001, OMR));
    Totals t = Totals.of(OMR, lines, 500, Money.ofMinor(2_000, OMR));
    assertThat(t.taxes()).extracting(Money::minor).containsExactly(250L, 150L);
    assertThat(t.subtotal().minor()).isEqualTo(8_001);
    assertThat(t.total().minor()).isEqualTo(8_401);
    assertThat(t.creditApplied().minor()).isEqualTo(2_000);
    assertThat(t.due().minor()).isEqualTo(6_401);
    assertThat(Totals.of(OMR, lines, 0, Money.ofMinor(99_000, OMR)).due().isZero()).isTrue();
  }

  @Test
  void aPlanChangeIsProratedToTheDay() {
    // S (5.000) to M (9.000) on the 11th of a 30-day period that started on the 1st: 20 days left.
    Proration p = Proration.of(Money.ofMinor(5_000, OMR), Money.ofMinor(9_000, OMR), LocalDate.of(2026, 11, 1),
        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 11));
    assertThat(p.daysInPeriod()).isEqualTo(30);
    assertThat(p.daysLeft()).isEqualTo(20);
    assertThat(p.credit().minor()).isEqualTo(3_333);
    assertThat(p.charge().minor()).isEqualTo(6_000);
    assertThat(p.dueNow().minor()).isEqualTo(2_667);
    assertThatThrownBy(() -> Proration.of(Money.ofMinor(1, OMR), Money.ofMinor(1, OMR), LocalDate.of(2026, 11, 1),
        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1))).hasMessageContaining("outside the period");
  }

  @Test
  void aMonthlyPeriodIsAnchoredOnTheSubscriptionDayClampedToShortMonths() {
    assertThat(Proration.monthlyPeriod(LocalDate.of(2026, 2, 15), 31))
        .containsExactly(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28));
    assertThat(Proration.monthlyPeriod(LocalDate.of(2026, 2, 28), 31))
        .containsExactly(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31));
    assertThat(Proration.monthlyPeriod(LocalDate.of(2026, 12, 4), 1))
        .containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1));
  }
}
