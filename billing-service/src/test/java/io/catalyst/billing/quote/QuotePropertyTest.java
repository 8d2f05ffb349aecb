package io.catalyst.billing.quote;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.billing.contract.BillingApi;
import io.catalyst.billing.contract.BillingApi.Item;
import io.catalyst.billing.contract.BillingApi.PlanChange;
import io.catalyst.billing.contract.BillingApi.QuoteRequest;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever is quoted, the monthly change is the sum of the lines and a plan change's due amount adds up. */
class QuotePropertyTest {

  final QuoteCalculator calculator = new QuoteCalculator(QuoteCalculatorTest.PLANS, QuoteCalculatorTest.PRICES,
      QuoteCalculatorTest.OMR);

  @Provide
  Arbitrary<List<Item>> items() {
    return Arbitraries.of("bp-wordpress", "bp-erpnext", "bp-postgres", "bp-unlisted")
        .map(b -> new Item("app", b, "1.0.0")).list().ofMaxSize(12);
  }

  @Property(tries = 300)
  void theMonthlyChangeIsTheSumOfTheLines(@ForAll("items") List<Item> items, @ForAll boolean bundle,
      @ForAll boolean change, @ForAll @IntRange(min = 0, max = 800) int dayOffset,
      @ForAll @IntRange(min = 0, max = 27) int anchorOffset) {
    LocalDate today = LocalDate.of(2026, 1, 1).plusDays(dayOffset);
    LocalDate start = today.minusDays(anchorOffset);
    var planChange = change ? new PlanChange("s", "m", start) : null;
    BillingApi.Quote quote = calculator.quote(new QuoteRequest("acme", "acme-prod", change ? null : "s",
        bundle ? "bp-bundle-pharmacy" : null, items, null, planChange), today);
    assertThat(quote.monthlyChangeMinor())
        .isEqualTo(quote.lines().stream().mapToLong(BillingApi.Line::monthlyMinor).sum());
    assertThat(quote.lines()).hasSize(items.size() + (bundle ? 1 : 0) + (change ? 1 : 0));
    if (change) {
      var p = quote.proration();
      assertThat(p.dueNowMinor()).isEqualTo(p.chargeMinor() - p.creditMinor());
      assertThat(p.creditMinor()).isBetween(0L, 5_000L);
      assertThat(p.chargeMinor()).isBetween(0L, 9_000L);
      assertThat(p.daysLeft()).isBetween(1L, p.daysInPeriod());
      assertThat(p.changeOn()).isEqualTo(today);
      assertThat(quote.paymentRequired()).isTrue();
    }
  }
}
