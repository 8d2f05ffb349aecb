package io.catalyst.billing.quote;

import io.catalyst.billing.catalogue.Catalogue;
import io.catalyst.billing.catalogue.Plan;
import io.catalyst.billing.contract.BillingApi;
import io.catalyst.billing.contract.BillingApi.Item;
import io.catalyst.billing.contract.BillingApi.QuoteRequest;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** Answers quotes: checks the request and the caller, then prices it ({@link QuoteCalculator}). Writes nothing. */
@Service
public class Quotes {

  static final Pattern ORGANIZATION = Pattern.compile("^[a-z][a-z0-9-]{2,31}$");
  static final Pattern BLUEPRINT = Pattern.compile("^bp-[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
  static final int MAX_ITEMS = 200;

  private final Catalogue catalogue;
  private final Clock clock;
  private final SovereignSettings sovereign;

  Quotes(Catalogue catalogue, Clock clock, SovereignSettings sovereign) {
    this.catalogue = catalogue;
    this.clock = clock;
    this.sovereign = sovereign;
  }

  public BillingApi.Quote quote(Caller caller, QuoteRequest request) {
    if (request.organization() == null || !ORGANIZATION.matcher(request.organization()).matches()) {
      throw ProblemException.invalid("Name the Organization the quote is for.",
          List.of(FieldProblem.field("organization", "must be an Organization name such as muscat-pharmacy")));
    }
    caller.requireVisible(request.organization(), "Organization " + request.organization());
    List<Plan> plans = catalogue.plans();
    if (plans.isEmpty()) {
      return BillingApi.Quote.unavailable("Pricing unavailable: this Sovereign has no plans priced in "
          + catalogue.currency().getCurrencyCode() + " yet, so no price is shown and no plan limit applies.");
    }
    LocalDate today = LocalDate.now(clock.withZone(sovereign.timezone()));
    validate(request, plans, today);
    Set<String> names = new HashSet<>();
    items(request).forEach(i -> names.add(i.blueprint()));
    if (request.bundle() != null) {
      names.add(request.bundle());
    }
    return new QuoteCalculator(plans, catalogue.pricesOf(names), catalogue.currency()).quote(request, today);
  }

  private static void validate(QuoteRequest request, List<Plan> plans, LocalDate today) {
    List<FieldProblem> problems = new ArrayList<>();
    List<String> slugs = plans.stream().map(Plan::slug).toList();
    String known = "must be one of " + String.join(", ", slugs);
    if (request.plan() != null && !slugs.contains(request.plan())) {
      problems.add(FieldProblem.field("plan", known));
    }
    if (request.bundle() != null && !BLUEPRINT.matcher(request.bundle()).matches()) {
      problems.add(FieldProblem.field("bundle", "must be a Blueprint name such as bp-bundle-pharmacy"));
    }
    List<Item> items = items(request);
    if (items.size() > MAX_ITEMS) {
      problems.add(FieldProblem.field("items", "at most " + MAX_ITEMS + " Applications per quote"));
    }
    for (int i = 0; i < Math.min(items.size(), MAX_ITEMS); i++) {
      Item item = items.get(i);
      if (item == null || item.blueprint() == null || !BLUEPRINT.matcher(item.blueprint()).matches()) {
        problems.add(FieldProblem.field("items[" + i + "].blueprint", "must be a Blueprint name such as bp-wordpress"));
      }
    }
    var usage = request.usage();
    if (usage != null && (usage.environments() < 0 || usage.applications() < 0 || usage.cpuMillis() < 0
        || usage.memoryMb() < 0)) {
      problems.add(FieldProblem.field("usage", "counts must not be negative"));
    }
    var change = request.planChange();
    if (change != null) {
      if (change.fromPlan() == null || !slugs.contains(change.fromPlan())) {
        problems.add(FieldProblem.field("planChange.fromPlan", known));
      }
      if (change.toPlan() == null || !slugs.contains(change.toPlan())) {
        problems.add(FieldProblem.field("planChange.toPlan", known));
      } else if (change.toPlan().equals(change.fromPlan())) {
        problems.add(FieldProblem.field("planChange.toPlan", "must differ from fromPlan"));
      }
      if (change.periodStart() == null || change.periodStart().isAfter(today)) {
        problems.add(FieldProblem.field("planChange.periodStart",
            "must be the subscription's start, a date not after today (" + today + ")"));
      }
      if (request.plan() != null && !request.plan().equals(change.toPlan())) {
        problems.add(FieldProblem.field("plan", "leave it out or give planChange.toPlan: limits are checked against"
            + " the plan changed to"));
      }
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The quote request has " + problems.size() + " problem"
          + (problems.size() == 1 ? "" : "s") + "; see errors.", problems);
    }
  }

  private static List<Item> items(QuoteRequest request) {
    return request.items() == null ? List.of() : request.items();
  }
}
