package io.catalyst.billing.money;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The totals of a list of lines (an order, a quote, an invoice): tax is computed per line and rounded there, the
 * subtotal, tax and total are sums of those rounded figures, and credit is applied to the total up to what it covers.
 * So a total always equals the sum of its lines, however the lines round.
 *
 * @param lines         the lines' amounts before tax
 * @param taxes         each line's tax ({@code line × taxBasisPoints / 10 000}, rounded half away from zero)
 * @param subtotal      the sum of the lines
 * @param tax           the sum of the lines' taxes
 * @param total         subtotal plus tax
 * @param creditApplied the part of the total the credit covers (0 when the total is not positive)
 * @param due           total minus the credit applied
 */
public record Totals(List<Money> lines, List<Money> taxes, Money subtotal, Money tax, Money total,
    Money creditApplied, Money due) {

  public static Totals of(Currency currency, List<Money> lines, long taxBasisPoints, Money credit) {
    if (taxBasisPoints < 0) {
      throw new IllegalArgumentException("a tax rate is not negative");
    }
    List<Money> taxes = new ArrayList<>(lines.size());
    for (Money line : lines) {
      taxes.add(line.isNegative() ? line.negate().percent(taxBasisPoints).negate() : line.percent(taxBasisPoints));
    }
    Money subtotal = Money.sum(currency, lines);
    Money tax = Money.sum(currency, taxes);
    Money total = subtotal.plus(tax);
    Money usable = credit.isNegative() ? Money.zero(currency) : credit;
    Money applied = total.isPositive() ? usable.min(total) : Money.zero(currency);
    return new Totals(List.copyOf(lines), List.copyOf(taxes), subtotal, tax, total, applied, total.minus(applied));
  }
}
