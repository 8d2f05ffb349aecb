package io.catalyst.billing.voucher;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Vouchers")
class VoucherController {

  private final VoucherService vouchers;

  VoucherController(VoucherService vouchers) {
    this.vouchers = vouchers;
  }

  /** A voucher with its usage, for the sovereign-admin. */
  record VoucherView(String code, long creditMinor, String currency, String description, boolean active,
      int maxRedemptions, int timesRedeemed, Instant validFrom, Instant validUntil, Voucher.State state,
      String issuedBy, Instant createdAt, Instant revokedAt) {}

  record VoucherPage(List<VoucherView> items, int page, int size, long total) {}

  record CodeRequest(String code) {}

  private VoucherView view(Voucher v) {
    return new VoucherView(v.code(), v.credit().minor(), v.credit().currency().getCurrencyCode(), v.description(),
        v.active(), v.maxRedemptions(), v.timesRedeemed(), v.validFrom(), v.validUntil(), vouchers.stateNow(v),
        v.issuedBy(), v.createdAt(), v.revokedAt());
  }

  private static void requireSovereignAdmin(Caller caller) {
    if (!caller.isSovereignAdmin()) {
      throw ProblemException.forbidden("Vouchers are issued and managed by the sovereign-admin.");
    }
  }

  @PostMapping("/api/v1/billing/vouchers")
  @Operation(summary = "Issue a voucher (sovereign-admin): an upsert by code (upper-cased), 201 when created or"
      + " resurrected after a revoke, 200 when changed or already as sent (a retry is safe, no Idempotency-Key needed)")
  ResponseEntity<VoucherView> issue(Caller caller, @RequestBody VoucherService.IssueRequest request) {
    requireSovereignAdmin(caller);
    var issued = vouchers.issue(request, caller.subject());
    var view = view(issued.voucher());
    return issued.outcome() == VoucherService.Outcome.CREATED
        ? ResponseEntity.created(URI.create("/api/v1/billing/vouchers/" + view.code())).body(view)
        : ResponseEntity.ok(view);
  }

  @GetMapping("/api/v1/billing/vouchers")
  @Operation(summary = "Vouchers with their usage, newest first (sovereign-admin); revoked ones only with revoked=true")
  VoucherPage list(Caller caller, @RequestParam(defaultValue = "false") boolean revoked,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    requireSovereignAdmin(caller);
    if (size < 1 || size > 100 || page < 0) {
      throw ProblemException.invalid("size must be 1 to 100 and page at least 0",
          List.of(FieldProblem.field(page < 0 ? "page" : "size", page < 0 ? "at least 0" : "1 to 100")));
    }
    return new VoucherPage(vouchers.page(revoked, page, size).stream().map(this::view).toList(), page, size,
        vouchers.count(revoked));
  }

  @DeleteMapping("/api/v1/billing/vouchers/{code}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a voucher (sovereign-admin): a soft delete; redemptions made stay, new ones stop")
  void revoke(Caller caller, @PathVariable String code) {
    requireSovereignAdmin(caller);
    vouchers.revoke(code, caller.subject());
  }

  @PostMapping("/api/v1/billing/vouchers/redeem-preview")
  @Operation(summary = "A voucher's credit before sign-up (public): 404 unknown or revoked, 410 inactive, not yet"
      + " valid, expired or capped (the problem carries the preview and the reason); never the counters")
  VoucherService.Preview preview(@RequestBody CodeRequest request) {
    if (request.code() == null || request.code().isBlank()) {
      throw ProblemException.invalid("Send the voucher's code.", List.of(FieldProblem.field("code", "required")));
    }
    return vouchers.preview(request.code());
  }

  @PostMapping("/api/v1/billing/organizations/{organization}/redemptions")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Redeem a voucher into the Organization's credit (org-admin, billing-admin): once per"
      + " Organization; 404 unknown or revoked, 410 inactive, not yet valid, expired or capped, 409 already redeemed")
  VoucherService.Redemption redeem(Caller caller, @PathVariable String organization,
      @RequestBody CodeRequest request) {
    caller.requireVisible(organization, "Organization " + organization);
    caller.requireRole(Role.ORG_ADMIN, Role.BILLING_ADMIN);
    return vouchers.redeem(organization, request.code(), caller.subject());
  }
}
