package io.catalyst.billing.quote;

import io.catalyst.billing.contract.BillingApi;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Quotes")
class QuoteController {

  private final Quotes quotes;

  QuoteController(Quotes quotes) {
    this.quotes = quotes;
  }

  @PostMapping(BillingApi.QUOTES)
  @Operation(summary = "What an install and/or a plan change would cost (monthly change, plan change prorated to the"
      + " day) and whether the plan's limits hold; changes nothing. A service, or a member of the Organization named"
      + " (another Organization is 404)")
  BillingApi.Quote quote(Caller caller, @RequestBody BillingApi.QuoteRequest request) {
    return quotes.quote(caller, request);
  }
}
