package io.catalyst.billing.money;

import java.util.Currency;

/** Two amounts of different currencies met in one calculation: a bug or bad input, never converted silently. */
public class CurrencyMismatchException extends IllegalArgumentException {

  public CurrencyMismatchException(Currency one, Currency other) {
    super("amounts in " + one.getCurrencyCode() + " and " + other.getCurrencyCode() + " cannot be combined");
  }
}
