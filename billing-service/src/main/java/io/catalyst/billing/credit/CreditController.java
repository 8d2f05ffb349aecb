package io.catalyst.billing.credit;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Credit")
class CreditController {

  private final CreditLedger ledger;
  private final Currency currency;

  CreditController(CreditLedger ledger, SovereignSettings sovereign) {
    this.ledger = ledger;
    this.currency = sovereign.currency();
  }

  record Entry(long id, long amountMinor, String currency, String reason, String voucher, String order, String actor,
      Instant at) {}

  record CreditView(String organization, String currency, long balanceMinor, List<Entry> entries, int page, int size,
      long total) {}

  @GetMapping("/api/v1/billing/organizations/{organization}/credit")
  @Operation(summary = "The Organization's credit balance (the sum of its ledger) and its ledger entries, newest first"
      + " (org-admin, billing-admin; sovereign-admin for every Organization)")
  CreditView credit(Caller caller, @PathVariable String organization, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    caller.requireVisible(organization, "Organization " + organization);
    caller.requireRole(Role.ORG_ADMIN, Role.BILLING_ADMIN);
    if (size < 1 || size > 100 || page < 0) {
      throw ProblemException.invalid("size must be 1 to 100 and page at least 0",
          List.of(FieldProblem.field(page < 0 ? "page" : "size", page < 0 ? "at least 0" : "1 to 100")));
    }
    var entries = ledger.page(organization, page, size).stream().map(e -> new Entry(e.id(), e.amount().minor(),
        e.amount().currency().getCurrencyCode(), e.reason(), e.voucher(),
        e.order() == null ? null : e.order().toString(), e.actor(), e.at())).toList();
    return new CreditView(organization, currency.getCurrencyCode(), ledger.balance(organization, currency).minor(),
        entries, page, size, ledger.count(organization));
  }
}
