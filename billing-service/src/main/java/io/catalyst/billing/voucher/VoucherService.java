package io.catalyst.billing.voucher;

import io.catalyst.billing.contract.BillingEvents;
import io.catalyst.billing.credit.CreditLedger;
import io.catalyst.billing.credit.Credits;
import io.catalyst.billing.money.Money;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issue, revoke, preview and redeem vouchers (DOMAIN.md §7.4; docs/billing.md, "Vouchers and credit"). */
@Service
public class VoucherService {

  static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{2,63}$");
  static final int MAX_DESCRIPTION = 500;

  private final Vouchers vouchers;
  private final VoucherRedemptions redemptions;
  private final Credits credits;
  private final CreditLedger ledger;
  private final Outbox outbox;
  private final Clock clock;
  private final Currency currency;

  VoucherService(Vouchers vouchers, VoucherRedemptions redemptions, Credits credits, CreditLedger ledger,
      Outbox outbox, Clock clock, SovereignSettings sovereign) {
    this.vouchers = vouchers;
    this.redemptions = redemptions;
    this.credits = credits;
    this.ledger = ledger;
    this.outbox = outbox;
    this.clock = clock;
    this.currency = sovereign.currency();
  }

  /** What the issuer sends; {@code currency} may be left out (it must be the Sovereign's). */
  public record IssueRequest(String code, Long creditMinor, String currency, String description, Boolean active,
      Integer maxRedemptions, Instant validFrom, Instant validUntil) {}

  /** The voucher after issue, and whether this call created (or resurrected) it, changed it, or found it as sent. */
  public record Issued(Voucher voucher, Outcome outcome) {}

  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /**
   * Upsert by code: a new code is created, an existing one overwritten (a revoked one resurrected, its redemption
   * count kept). Sending the same voucher again changes nothing and publishes nothing, so a retry is safe.
   */
  @Transactional
  public Issued issue(IssueRequest request, String issuer) {
    String code = Voucher.normalize(request.code());
    validate(code, request);
    var existing = vouchers.find(code);
    Voucher wanted = new Voucher(code, Money.ofMinor(request.creditMinor(), currency),
        request.description() == null ? "" : request.description().strip(),
        request.active() == null || request.active(), request.maxRedemptions() == null ? 0 : request.maxRedemptions(),
        existing.map(Voucher::timesRedeemed).orElse(0), request.validFrom(), request.validUntil(), issuer, null, null);
    if (existing.isPresent() && sameTerms(existing.get(), wanted)) {
      return new Issued(existing.get(), Outcome.UNCHANGED);
    }
    Instant now = clock.instant();
    boolean inserted = vouchers.upsert(wanted, now);
    outbox.publish(CatalystEvent.of(BillingEvents.VOUCHER_ISSUED, "voucher/" + code, null,
        new BillingEvents.VoucherIssued(code, wanted.credit().minor(), currency.getCurrencyCode(),
            wanted.description(), wanted.active(), wanted.maxRedemptions(), wanted.validFrom(), wanted.validUntil(),
            issuer)).by(issuer));
    boolean resurrected = existing.isPresent() && existing.get().revokedAt() != null;
    return new Issued(vouchers.find(code).orElseThrow(), inserted || resurrected ? Outcome.CREATED : Outcome.UPDATED);
  }

  private static boolean sameTerms(Voucher a, Voucher b) {
    return a.revokedAt() == null && a.credit().equals(b.credit()) && a.description().equals(b.description())
        && a.active() == b.active() && a.maxRedemptions() == b.maxRedemptions()
        && Objects.equals(a.validFrom(), b.validFrom()) && Objects.equals(a.validUntil(), b.validUntil());
  }

  private void validate(String code, IssueRequest r) {
    List<FieldProblem> problems = new ArrayList<>();
    if (code == null || !CODE.matcher(code).matches()) {
      problems.add(FieldProblem.field("code", "3 to 64 letters, digits or hyphens, starting with a letter or digit"));
    }
    if (r.creditMinor() == null || r.creditMinor() <= 0) {
      problems.add(FieldProblem.field("creditMinor", "must be a positive amount in minor units of "
          + currency.getCurrencyCode() + " (" + currency.getDefaultFractionDigits() + " decimals: 10.000 "
          + currency.getCurrencyCode() + " is " + (long) (10 * Math.pow(10, currency.getDefaultFractionDigits()))
          + ")"));
    }
    if (r.currency() != null && !r.currency().equals(currency.getCurrencyCode())) {
      problems.add(FieldProblem.field("currency", "this Sovereign bills in " + currency.getCurrencyCode()
          + "; leave it out or send " + currency.getCurrencyCode()));
    }
    if (r.maxRedemptions() != null && r.maxRedemptions() < 0) {
      problems.add(FieldProblem.field("maxRedemptions", "0 (unlimited) or more"));
    }
    if (r.validFrom() != null && r.validUntil() != null && !r.validUntil().isAfter(r.validFrom())) {
      problems.add(FieldProblem.field("validUntil", "must be after validFrom"));
    }
    if (r.description() != null && r.description().length() > MAX_DESCRIPTION) {
      problems.add(FieldProblem.field("description", "at most " + MAX_DESCRIPTION + " characters"));
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The voucher has " + problems.size() + " problem"
          + (problems.size() == 1 ? "" : "s") + "; see errors.", problems);
    }
  }

  /** The voucher for the admin list: without the revoked unless asked. */
  public List<Voucher> page(boolean withRevoked, int page, int size) {
    return vouchers.page(withRevoked, page, size);
  }

  public long count(boolean withRevoked) {
    return vouchers.count(withRevoked);
  }

  public Voucher.State stateNow(Voucher voucher) {
    return voucher.stateAt(clock.instant());
  }

  @Transactional
  public void revoke(String rawCode, String by) {
    String code = Voucher.normalize(rawCode);
    if (code == null || !vouchers.revoke(code, by, clock.instant())) {
      throw ProblemException.notFound("Voucher " + rawCode);
    }
    outbox.publish(CatalystEvent.of(BillingEvents.VOUCHER_REVOKED, "voucher/" + code, null,
        new BillingEvents.VoucherRevoked(code, by)).by(by));
  }

  /** A voucher as the landing page sees it: no counters. */
  public record Preview(String code, long creditMinor, String currency, String description, boolean active,
      boolean acceptingRedemptions, Instant validFrom, Instant validUntil) {}

  /**
   * 200 with the preview while it accepts redemptions; 404 unknown or revoked (nothing leaks); 410 inactive,
   * capped, not yet valid or expired, with the preview and the reason.
   */
  public Preview preview(String rawCode) {
    String code = Voucher.normalize(rawCode);
    Voucher v = (code == null || !CODE.matcher(code).matches() ? null : vouchers.find(code).orElse(null));
    if (v == null || v.revokedAt() != null) {
      throw ProblemException.notFound("Voucher " + (rawCode == null ? "" : rawCode.strip()));
    }
    Voucher.State state = v.stateAt(clock.instant());
    Preview preview = new Preview(v.code(), v.credit().minor(), v.credit().currency().getCurrencyCode(),
        v.description(), v.active(), state == Voucher.State.ACCEPTING, v.validFrom(), v.validUntil());
    if (state != Voucher.State.ACCEPTING) {
      throw ProblemException.gone("Voucher " + v.code() + " " + state.words() + ".").with("reason", state.name())
          .with("voucher", preview);
    }
    return preview;
  }

  /** A redemption: the credit granted and the Organization's balance after it. */
  public record Redemption(String code, String organization, long creditMinor, String currency, long creditEntry,
      long balanceMinor) {}

  /**
   * Redeems {@code rawCode} for {@code organization}: under a lock on the voucher's row, checks it accepts
   * redemptions and the Organization has not redeemed it, then records the redemption, counts it and grants the
   * credit, all in one transaction. Every refusal comes before the first write, so a refusal does not doom a
   * checkout's transaction this joins (the checkout compensates and records its failed order).
   */
  @Transactional(noRollbackFor = ProblemException.class)
  public Redemption redeem(String organization, String rawCode, String actor) {
    String code = Voucher.normalize(rawCode);
    if (code == null || code.isEmpty()) {
      throw ProblemException.invalid("Send the voucher's code.", List.of(FieldProblem.field("code", "required")));
    }
    Voucher v = (CODE.matcher(code).matches() ? vouchers.lock(code) : java.util.Optional.<Voucher>empty())
        .filter(found -> found.revokedAt() == null)
        .orElseThrow(() -> ProblemException.notFound("Voucher " + rawCode.strip()));
    Instant now = clock.instant();
    Voucher.State state = v.stateAt(now);
    if (state != Voucher.State.ACCEPTING) {
      throw ProblemException.gone("Voucher " + code + " " + state.words() + ".").with("reason", state.name());
    }
    if (redemptions.exists(code, organization)) {
      throw ProblemException.conflict("Voucher " + code + " was already redeemed by Organization " + organization
          + "; a voucher is redeemed once per Organization.");
    }
    long entry = credits.add(organization, v.credit(), "voucher:" + code, code, null, actor);
    redemptions.add(code, organization, actor, entry, now);
    vouchers.countRedemption(code);
    outbox.publish(CatalystEvent.of(BillingEvents.VOUCHER_REDEEMED, "voucher/" + code, organization,
        new BillingEvents.VoucherRedeemed(code, organization, v.credit().minor(),
            v.credit().currency().getCurrencyCode(), actor, entry)).by(actor));
    return new Redemption(code, organization, v.credit().minor(), v.credit().currency().getCurrencyCode(), entry,
        ledger.balance(organization, v.credit().currency()).minor());
  }

  /**
   * Undoes {@code organization}'s redemption of {@code code} (the compensation of a checkout that failed after
   * redeeming): the redemption is removed and uncounted, and the credit taken back by a reversing ledger entry (the
   * ledger keeps both). Under the voucher's row lock, like a redemption.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public void reverse(String organization, String rawCode, String reason, String actor) {
    String code = Voucher.normalize(rawCode);
    Voucher v = vouchers.lock(code).orElseThrow(() -> new IllegalStateException("no voucher " + code));
    if (!redemptions.remove(code, organization)) {
      return;
    }
    vouchers.uncountRedemption(code);
    credits.add(organization, v.credit().negate(), "voucher-reversed:" + code + " (" + reason + ")", code, null,
        actor);
  }
}
