package io.catalyst.billing.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.billing.credit.Credits;
import io.catalyst.billing.money.Money;
import io.catalyst.billing.support.BillingIntegrationTest;
import io.catalyst.platform.web.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Concurrent checkouts of one Organization never spend more credit than it has (the upstream's double spend). */
class CheckoutConcurrencyIT extends BillingIntegrationTest {

  @Autowired Checkout checkout;
  @Autowired Credits credits;
  @Autowired TransactionTemplate tx;

  @Test
  void tenCheckoutsAtOnceWithCreditForTwoCompleteTwo() throws Exception {
    String org = "spend-" + UUID.randomUUID().toString().substring(0, 8);
    tx.executeWithoutResult(s -> credits.add(org, Money.ofMinor(12_000, "OMR"), "test grant", null, null, "sov"));
    Caller admin = new Caller("ahmed", org, Set.of("org-admin"), Set.of(), Set.of());
    var start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(10)) {
      for (int i = 0; i < 10; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return checkout.checkout(admin, org, new Checkout.CheckoutRequest("s", null, null, null, null, null), null)
              .outcome().completed();
        }));
      }
      start.countDown();
      int completed = 0;
      for (Future<Boolean> f : results) {
        completed += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(completed).isEqualTo(2);
    }
    assertThat(jdbc.sql("select sum(amount_minor) from credit_entry where organization = :o").param("o", org)
        .query(Long.class).single()).isEqualTo(2_000);
    assertThat(jdbc.sql("select count(*) from orders where organization = :o and status = 'failed'")
        .param("o", org).query(Long.class).single()).isEqualTo(8);
  }
}
