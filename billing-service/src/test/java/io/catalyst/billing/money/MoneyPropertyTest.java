package io.catalyst.billing.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Totals always equal the sum of their lines, allocations always add up, whatever the amounts and currencies. */
class MoneyPropertyTest {

  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of("OMR", "BHD", "KWD", "EUR", "USD", "JPY").map(Currency::getInstance);
  }

  @Provide
  Arbitrary<List<Long>> lines() {
    return Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L).list().ofMinSize(0).ofMaxSize(30);
  }

  @Property(tries = 500)
  void theTotalIsTheSumOfTheLinesAndTheirTaxes(@ForAll("currencies") Currency currency,
      @ForAll("lines") List<Long> amounts, @ForAll @LongRange(min = 0, max = 3_000) long taxBasisPoints,
      @ForAll @LongRange(min = -1_000, max = 10_000_000_000L) long credit) {
    List<Money> lines = amounts.stream().map(a -> Money.ofMinor(a, currency)).toList();
    Totals t = Totals.of(currency, lines, taxBasisPoints, Money.ofMinor(credit, currency));
    assertThat(t.subtotal().minor()).isEqualTo(amounts.stream().mapToLong(Long::longValue).sum());
    assertThat(t.tax().minor()).isEqualTo(t.taxes().stream().mapToLong(Money::minor).sum());
    assertThat(t.total()).isEqualTo(t.subtotal().plus(t.tax()));
    assertThat(t.due().plus(t.creditApplied())).isEqualTo(t.total());
    assertThat(t.creditApplied().isNegative()).isFalse();
    assertThat(t.creditApplied().minor()).isLessThanOrEqualTo(Math.max(credit, 0));
    if (t.total().isPositive()) {
      assertThat(t.due().isNegative()).isFalse();
    }
    for (int i = 0; i < lines.size(); i++) {
      BigDecimal exact = BigDecimal.valueOf(lines.get(i).minor()).multiply(BigDecimal.valueOf(taxBasisPoints))
          .divide(BigDecimal.valueOf(10_000), MathContext.DECIMAL128);
      assertThat(BigDecimal.valueOf(t.taxes().get(i).minor()).subtract(exact).abs())
          .isLessThanOrEqualTo(new BigDecimal("0.5"));
    }
  }

  @Property(tries = 500)
  void sharesAddUpAndStayWithinOneMinorUnitOfTheExactShare(@ForAll("currencies") Currency currency,
      @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long amount,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 1_000_000) Integer> weights) {
    long[] w = weights.stream().mapToLong(Integer::longValue).toArray();
    if (java.util.Arrays.stream(w).sum() == 0) {
      w[0] = 1;
    }
    Money total = Money.ofMinor(amount, currency);
    List<Money> shares = total.allocate(w);
    assertThat(Money.sum(currency, shares)).isEqualTo(total);
    long sum = java.util.Arrays.stream(w).sum();
    for (int i = 0; i < w.length; i++) {
      BigDecimal exact = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(w[i]))
          .divide(BigDecimal.valueOf(sum), MathContext.DECIMAL128);
      assertThat(BigDecimal.valueOf(shares.get(i).minor()).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
      assertThat(Long.signum(shares.get(i).minor()) * Long.signum(amount)).isNotNegative();
    }
  }

  @Property(tries = 300)
  void aWholePeriodProratesToTheWholePriceAndTheDaysOfAPeriodAllocateToIt(
      @ForAll @LongRange(min = 0, max = 100_000_000) long price, @ForAll @IntRange(min = 1, max = 31) int anchor,
      @ForAll @IntRange(min = 0, max = 3_000) int dayOffset) {
    Currency omr = Currency.getInstance("OMR");
    LocalDate day = LocalDate.of(2024, 1, 1).plusDays(dayOffset);
    LocalDate[] period = Proration.monthlyPeriod(day, anchor);
    assertThat(period[0]).isBeforeOrEqualTo(day);
    assertThat(period[1]).isAfter(day);
    Money monthly = Money.ofMinor(price, omr);
    Proration whole = Proration.of(monthly, monthly, period[0], period[1], period[0]);
    assertThat(whole.credit()).isEqualTo(monthly);
    assertThat(whole.dueNow().isZero()).isTrue();
    Proration change = Proration.of(Money.zero(omr), monthly, period[0], period[1], day);
    assertThat(change.charge().minor()).isBetween(0L, price);
    long[] perDay = new long[(int) whole.daysInPeriod()];
    java.util.Arrays.fill(perDay, 1);
    assertThat(Money.sum(omr, monthly.allocate(perDay))).isEqualTo(monthly);
  }
}
