package io.catalyst.billing.quote;

import io.catalyst.billing.catalogue.BlueprintPrice;
import io.catalyst.billing.catalogue.Plan;
import io.catalyst.billing.catalogue.PlanLimits;
import io.catalyst.billing.contract.BillingApi;
import io.catalyst.billing.contract.BillingApi.Item;
import io.catalyst.billing.contract.BillingApi.Line;
import io.catalyst.billing.contract.BillingApi.QuoteRequest;
import io.catalyst.billing.contract.BillingApi.Usage;
import io.catalyst.billing.money.Money;
import io.catalyst.billing.money.Proration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Prices an install and a plan change and checks the plan's limits, from a validated request and the price list; no
 * Spring, no I/O (docs/billing.md, "Quotes").
 *
 * <ul>
 *   <li>An Application costs its Blueprint's monthly price (none listed: free). A bundle with a price costs that once,
 *       and its parts are shown at 0 as included.</li>
 *   <li>A plan change adds the new plan's price minus the old one to the monthly change, and is prorated to the day
 *       ({@link Proration}): {@code dueNow} is the remaining days of the new plan minus the unused days of the old.</li>
 *   <li>Limits: the Organization's usage plus the install against the plan checked (the new one of a change); a
 *       problem names the limit, the figures and the smallest plan that lifts it.</li>
 *   <li>Payment is required when the monthly bill grows or something is due now.</li>
 * </ul>
 */
final class QuoteCalculator {

  private final List<Plan> plans;
  private final Map<String, BlueprintPrice> prices;
  private final Currency currency;

  QuoteCalculator(List<Plan> plans, Map<String, BlueprintPrice> prices, Currency currency) {
    this.plans = plans;
    this.prices = prices;
    this.currency = currency;
  }

  BillingApi.Quote quote(QuoteRequest request, LocalDate today) {
    List<Line> lines = new ArrayList<>();
    Money monthly = Money.zero(currency);
    BlueprintPrice bundle = request.bundle() == null ? null : prices.get(request.bundle());
    boolean bundlePriced = bundle != null && bundle.kind() == BlueprintPrice.Kind.bundle;
    if (bundlePriced) {
      lines.add(new Line("bundle", bundle.blueprint(), null, bundle.monthly().minor(), "bundle " + bundle.blueprint()));
      monthly = monthly.plus(bundle.monthly());
    }
    int cpu = 0;
    int memory = 0;
    for (Item item : items(request)) {
      BlueprintPrice price = prices.get(item.blueprint());
      cpu += price == null ? 0 : price.cpuMillis();
      memory += price == null ? 0 : price.memoryMb();
      Money amount = price == null || bundlePriced ? Money.zero(currency) : price.monthly();
      String description = bundlePriced ? "included in " + bundle.blueprint()
          : price == null ? item.blueprint() + " is not in the price list: free" : item.blueprint();
      lines.add(new Line("application", item.blueprint(), item.application(), amount.minor(), description));
      monthly = monthly.plus(amount);
    }

    BillingApi.Proration proration = null;
    String checked = request.plan();
    Money dueNow = Money.zero(currency);
    if (request.planChange() != null) {
      var change = request.planChange();
      Plan from = plan(change.fromPlan());
      Plan to = plan(change.toPlan());
      LocalDate[] period = Proration.monthlyPeriod(today, change.periodStart().getDayOfMonth());
      Proration p = Proration.of(from.monthly(), to.monthly(), period[0], period[1], today);
      proration = new BillingApi.Proration(from.slug(), to.slug(), p.periodStart(), p.periodEnd(), p.changeOn(),
          p.daysInPeriod(), p.daysLeft(), p.credit().minor(), p.charge().minor(), p.dueNow().minor());
      Money difference = to.monthly().minus(from.monthly());
      lines.add(new Line("plan", null, null, difference.minor(), "plan " + from.slug() + " to " + to.slug()));
      monthly = monthly.plus(difference);
      dueNow = p.dueNow();
      checked = to.slug();
    }

    Plan plan = checked == null ? null : plan(checked);
    Usage usage = request.usage() == null ? new Usage(0, 0, 0, 0) : request.usage();
    List<String> problems = new ArrayList<>();
    String note;
    if (plan == null) {
      note = "No plan given: no limit was checked.";
    } else {
      int applications = usage.applications() + items(request).size();
      check(problems, plan, "Environments", usage.environments(), PlanLimits::maxEnvironments);
      check(problems, plan, "Applications", applications, PlanLimits::maxApplications);
      check(problems, plan, "CPU (millicores)", usage.cpuMillis() + cpu, PlanLimits::cpuMillis);
      check(problems, plan, "memory (MiB)", usage.memoryMb() + memory, PlanLimits::memoryMb);
      note = request.usage() == null
          ? "Checked against plan " + plan.slug() + " for this change alone: no usage was given."
          : "Checked against plan " + plan.slug() + ".";
    }
    boolean paymentRequired = monthly.isPositive() || dueNow.isPositive();
    PlanLimits limits = plan == null ? null : plan.limits();
    return new BillingApi.Quote(true, currency.getCurrencyCode(), monthly.minor(), problems.isEmpty(),
        List.copyOf(problems), note, paymentRequired, plan == null ? null : plan.slug(),
        limits == null ? null : new BillingApi.Limits(limits.maxEnvironments(), limits.maxApplications(),
            limits.cpuMillis(), limits.memoryMb(), limits.storageGb()),
        List.copyOf(lines), proration);
  }

  private static List<Item> items(QuoteRequest request) {
    return request.items() == null ? List.of() : request.items();
  }

  private Plan plan(String slug) {
    return plans.stream().filter(p -> p.slug().equals(slug)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown plan " + slug));
  }

  private void check(List<String> problems, Plan plan, String what, int needed,
      Function<PlanLimits, Integer> limit) {
    Integer max = limit.apply(plan.limits());
    if (max == null || needed <= max) {
      return;
    }
    ToIntFunction<Plan> order = plans::indexOf;
    Optional<Plan> lifts = plans.stream().filter(p -> order.applyAsInt(p) > order.applyAsInt(plan))
        .filter(p -> limit.apply(p.limits()) == null || needed <= limit.apply(p.limits())).findFirst();
    problems.add(what + ": " + needed + " needed, plan " + plan.slug() + " allows " + max
        + lifts.map(p -> "; plan " + p.slug() + " allows it").orElse("; no plan allows it"));
  }
}
