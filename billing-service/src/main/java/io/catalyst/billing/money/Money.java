package io.catalyst.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An amount of one currency in its minor units (baisa for OMR and BHD, 3 decimals; cents for EUR and USD, 2), never a
 * floating point number. Arithmetic refuses to mix currencies ({@link CurrencyMismatchException}) and to overflow.
 *
 * <p>The rounding rules (docs/billing.md, "Money"): a fraction of an amount ({@link #fraction}) rounds half away from
 * zero to the minor unit; splitting an amount over lines ({@link #allocate}) uses the largest remainder, so the shares
 * always add up to the amount; a total is the sum of its rounded lines, never rounded again.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (currency.getDefaultFractionDigits() < 0) {
      throw new IllegalArgumentException(currency.getCurrencyCode() + " has no minor unit and is no billing currency");
    }
  }

  public static Money ofMinor(long minor, Currency currency) {
    return new Money(minor, currency);
  }

  public static Money ofMinor(long minor, String currency) {
    return new Money(minor, Currency.getInstance(currency));
  }

  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /**
   * {@code "12.345"} in {@code currency}: at most as many decimals as the currency has ({@code "1.2345"} OMR is refused,
   * never rounded).
   */
  public static Money parse(String decimal, Currency currency) {
    BigDecimal value;
    try {
      value = new BigDecimal(decimal.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal amount: " + decimal);
    }
    int digits = currency.getDefaultFractionDigits();
    if (value.stripTrailingZeros().scale() > digits) {
      throw new IllegalArgumentException(currency.getCurrencyCode() + " has " + digits + " decimals: " + decimal);
    }
    return new Money(value.movePointRight(digits).longValueExact(), currency);
  }

  /** Decimals of the minor unit: 3 for OMR, BHD, KWD; 2 for EUR, USD. */
  public int exponent() {
    return currency.getDefaultFractionDigits();
  }

  public Money plus(Money other) {
    return new Money(Math.addExact(minor, same(other).minor), currency);
  }

  public Money minus(Money other) {
    return new Money(Math.subtractExact(minor, same(other).minor), currency);
  }

  public Money negate() {
    return new Money(Math.negateExact(minor), currency);
  }

  public Money times(long quantity) {
    return new Money(Math.multiplyExact(minor, quantity), currency);
  }

  public boolean isZero() {
    return minor == 0;
  }

  public boolean isPositive() {
    return minor > 0;
  }

  public boolean isNegative() {
    return minor < 0;
  }

  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /**
   * {@code numerator/denominator} of this amount, rounded half away from zero to the minor unit: 5.000 OMR × 1/3 is
   * 1.667, −5.000 × 1/3 is −1.667. Use it for one figure (a prorated month); to split an amount over several lines
   * use {@link #allocate}, whose shares add up.
   */
  public Money fraction(long numerator, long denominator) {
    if (denominator <= 0 || numerator < 0) {
      throw new IllegalArgumentException("a fraction needs numerator ≥ 0 and denominator > 0");
    }
    BigDecimal exact = BigDecimal.valueOf(minor).multiply(BigDecimal.valueOf(numerator))
        .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP);
    return new Money(exact.longValueExact(), currency);
  }

  /** {@code basisPoints}/10 000 of this amount (500 = 5 %), rounded as {@link #fraction}. */
  public Money percent(long basisPoints) {
    return fraction(basisPoints, 10_000);
  }

  /**
   * Splits this amount over {@code weights} (each ≥ 0, at least one > 0) by the largest remainder: each share is the
   * exact share rounded toward zero, then the minor units left over go one each to the shares with the largest
   * remainders (ties: the earlier share). The shares add up to this amount exactly, and each is within one minor
   * unit of its exact share.
   */
  public List<Money> allocate(long... weights) {
    if (weights.length == 0 || Arrays.stream(weights).anyMatch(w -> w < 0) || Arrays.stream(weights).sum() <= 0) {
      throw new IllegalArgumentException("allocation needs weights ≥ 0 with a positive sum");
    }
    BigDecimal total = BigDecimal.valueOf(Arrays.stream(weights).sum());
    BigDecimal amount = BigDecimal.valueOf(Math.abs(minor));
    long[] shares = new long[weights.length];
    BigDecimal[] remainders = new BigDecimal[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      BigDecimal[] qr = amount.multiply(BigDecimal.valueOf(weights[i])).divideAndRemainder(total);
      shares[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      given += shares[i];
    }
    long left = Math.abs(minor) - given;
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> remainders[b].compareTo(remainders[a]) != 0
        ? remainders[b].compareTo(remainders[a]) : Integer.compare(a, b));
    for (int i = 0; i < left; i++) {
      shares[order[i]]++;
    }
    List<Money> result = new ArrayList<>(weights.length);
    for (long share : shares) {
      result.add(new Money(minor < 0 ? -share : share, currency));
    }
    return result;
  }

  /** The sum of {@code amounts}, all in {@code currency} (zero for none). */
  public static Money sum(Currency currency, Iterable<Money> amounts) {
    Money total = zero(currency);
    for (Money m : amounts) {
      total = total.plus(m);
    }
    return total;
  }

  /** The amount as a decimal in major units: {@code 12.345}. */
  public BigDecimal decimal() {
    return BigDecimal.valueOf(minor, exponent());
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(minor, same(other).minor);
  }

  private Money same(Money other) {
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException(currency, other.currency);
    }
    return other;
  }

  /** {@code OMR 12.345}, as the console shows it. */
  @Override
  public String toString() {
    return currency.getCurrencyCode() + " " + decimal().toPlainString();
  }
}
