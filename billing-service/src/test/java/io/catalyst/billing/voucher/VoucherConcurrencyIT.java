package io.catalyst.billing.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.billing.support.BillingIntegrationTest;
import io.catalyst.platform.web.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 50 redemptions at once on the embedded PostgreSQL, on real threads released together. */
class VoucherConcurrencyIT extends BillingIntegrationTest {

  @Autowired VoucherService vouchers;

  /** Each thread's outcome: "ok" or the problem's status. */
  List<String> redeemConcurrently(String code, List<String> organizations) throws Exception {
    var start = new CountDownLatch(1);
    var outcomes = new ConcurrentHashMap<Integer, String>();
    try (var pool = Executors.newFixedThreadPool(organizations.size())) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < organizations.size(); i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          start.await();
          try {
            vouchers.redeem(organizations.get(n), code, "user-" + n);
            outcomes.put(n, "ok");
          } catch (ProblemException e) {
            outcomes.put(n, String.valueOf(e.status().value()));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    return new ArrayList<>(outcomes.values());
  }

  @Test
  void fiftyOrganizationsRedeemingASingleUseCodeGiveExactlyOneSuccess() throws Exception {
    String code = "SINGLE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    vouchers.issue(new VoucherService.IssueRequest(code, 25_000L, null, "launch", true, 1, null, null), "sov");
    List<String> orgs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      orgs.add("org-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
    }
    List<String> outcomes = redeemConcurrently(code, orgs);
    assertThat(outcomes).hasSize(50);
    assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
    assertThat(outcomes).filteredOn("410"::equals).hasSize(49);
    assertThat(jdbc.sql("select times_redeemed from voucher where code = :c").param("c", code).query(Integer.class)
        .single()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from voucher_redemption where code = :c").param("c", code)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select coalesce(sum(amount_minor), 0) from credit_entry where voucher = :c").param("c", code)
        .query(Long.class).single()).isEqualTo(25_000);
  }

  @Test
  void fiftyRedemptionsOfOneOrganizationOnAnUnlimitedCodeCreditItOnce() throws Exception {
    String code = "MANY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    vouchers.issue(new VoucherService.IssueRequest(code, 3_000L, "OMR", null, null, 0, null, null), "sov");
    String org = "same-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> outcomes = redeemConcurrently(code, java.util.Collections.nCopies(50, org));
    assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
    assertThat(outcomes).filteredOn("409"::equals).hasSize(49);
    assertThat(jdbc.sql("select coalesce(sum(amount_minor), 0) from credit_entry where organization = :o")
        .param("o", org).query(Long.class).single()).isEqualTo(3_000);
  }
}
