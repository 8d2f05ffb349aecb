package io.catalyst.promotion.decision;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.events.Topics;
import io.catalyst.promotion.contract.PromotionApi;
import io.catalyst.promotion.contract.PromotionEvents;
import io.catalyst.promotion.policy.PolicyRefresher;
import io.catalyst.promotion.support.ConfigRepoFixture;
import io.catalyst.promotion.support.PromotionIntegrationTest;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/promotion/decisions} over the policies fetched from {@code system/catalyst-config} (served over
 * smart HTTP, fetched with a service token), refreshed by {@code branch.moved.v1} events sent through the outbox as
 * provisioning sends them.
 */
class DecisionApiIT extends PromotionIntegrationTest {

  static final String SHA_A = "a".repeat(40);
  static final String SHA_B = "b".repeat(40);

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;
  @Autowired JsonMapper json;
  @Autowired PolicyRefresher refresher;

  static volatile boolean seeded;

  @BeforeEach
  void policies() throws Exception {
    if (!seeded) {
      CONFIG.commit(Map.of(
          "policies/bank-prod-policy.yaml", ConfigRepoFixture.policy("bank-prod", """
                  - kind: pr-required
                    approvers: [team-platform, team-security]
                    minApprovals: 2
                  - kind: change-window
                    cron: "0 14 * * 2,4"
                    duration: 2h
              """),
          "policies/shop-prod-policy.yaml", ConfigRepoFixture.policy("shop-prod", ""),
          "policies/bank-uat-policy.yaml", ConfigRepoFixture.policy("bank-uat", """
                  - kind: change-window
                    cron: "0 14 * * 2,4"
                    duration: 2h
              """)), "policies");
      refresher.refresh();
      seeded = true;
    }
  }

  ResultActions decide(String token, PromotionApi.DecisionRequest request) throws Exception {
    return mvc.perform(as(json(post(PromotionApi.DECISIONS), json.writeValueAsString(request)), token));
  }

  static PromotionApi.DecisionRequest push(String org, String branch, String env, String user, String... roles) {
    return new PromotionApi.DecisionRequest(org, "payments", branch, env,
        new PromotionApi.User(user, List.of(roles), List.of()), SHA_A, SHA_B, "push");
  }

  @Test
  void aBranchWithAPrRequiredRuleTakesChangesThroughAPromotion() throws Exception {
    decide(serviceToken(), push("bank", "main", "bank-prod", "layla", "org-admin"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.decision", is("PROMOTION_REQUIRED")))
        .andExpect(jsonPath("$.policy", is("bank-prod-policy")))
        .andExpect(jsonPath("$.rule", is("pr-required")))
        .andExpect(jsonPath("$.reason", containsString("approved by 2 of team-platform, team-security")));
  }

  @Test
  void aPolicyWithoutRulesTakesDirectChangesAndNoPolicyIsClosedForProductionOnly() throws Exception {
    decide(serviceToken(), push("shop", "main", "shop-prod", "ahmed", "org-admin"))
        .andExpect(jsonPath("$.decision", is("OPEN")))
        .andExpect(jsonPath("$.rule", is("direct")));
    decide(serviceToken(), push("nopolicy", "main", "nopolicy-prod", "x", "org-admin"))
        .andExpect(jsonPath("$.decision", is("PROMOTION_REQUIRED")))
        .andExpect(jsonPath("$.policy", nullValue()))
        .andExpect(jsonPath("$.rule", is("default")));
    decide(serviceToken(), push("nopolicy", "develop", "nopolicy-dev", "x", "org-developer"))
        .andExpect(jsonPath("$.decision", is("OPEN")))
        .andExpect(jsonPath("$.rule", is("default")));
    decide(serviceToken(), push("bank", "feature/x", null, "x", "org-developer"))
        .andExpect(jsonPath("$.decision", is("OPEN")))
        .andExpect(jsonPath("$.rule", is("none")));
    // A Catalyst service (promotion-service merging) passes.
    decide(serviceToken(), new PromotionApi.DecisionRequest("bank", "payments", "main", "bank-prod",
        new PromotionApi.User("promotion-service", List.of("service"), List.of()), SHA_A, SHA_B, "merge"))
        .andExpect(jsonPath("$.decision", is("OPEN")))
        .andExpect(jsonPath("$.rule", is("service")));
  }

  @Test
  void aClosedChangeWindowRefusesADirectChangeAndSaysWhenItOpens() throws Exception {
    ZoneId muscat = ZoneId.of("Asia/Muscat");
    Instant now = clock.instant();
    // Move to the next Wednesday 09:00 Muscat (outside), then to Thursday 14:30 (inside).
    ZonedDateTime wednesday = now.atZone(muscat).toLocalDate().atTime(9, 0).atZone(muscat);
    while (wednesday.getDayOfWeek() != java.time.DayOfWeek.WEDNESDAY || !wednesday.toInstant().isAfter(now)) {
      wednesday = wednesday.plusDays(1);
    }
    clock.advance(Duration.between(now, wednesday.toInstant()));
    decide(serviceToken(), push("bank", "uat", "bank-uat", "layla", "org-developer"))
        .andExpect(jsonPath("$.decision", is("REFUSED")))
        .andExpect(jsonPath("$.rule", is("change-window")))
        .andExpect(jsonPath("$.reason", containsString("the next window opens Thu")))
        .andExpect(jsonPath("$.reason", containsString("14:00 Asia/Muscat")));
    clock.advance(Duration.ofHours(29).plusMinutes(30));
    decide(serviceToken(), push("bank", "uat", "bank-uat", "layla", "org-developer"))
        .andExpect(jsonPath("$.decision", is("OPEN")));
  }

  @Test
  void onlyServicesAskAndEveryInvalidFieldIsNamed() throws Exception {
    decide(userToken("layla", "bank", "org-admin"), push("bank", "main", "bank-prod", "layla", "org-admin"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType("application/problem+json"));
    decide(null, push("bank", "main", "bank-prod", "layla", "org-admin"))
        .andExpect(status().isUnauthorized());
    decide(serviceToken(), new PromotionApi.DecisionRequest("Bank!", "payments", "main", "other-prod",
        null, "nope", SHA_B, null))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType("application/problem+json"))
        .andExpect(jsonPath("$.errors[*].field", hasItem("organization")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("user")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("oldSha")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("via")));
    decide(serviceToken(), push("bank", "develop", "bank-prod", "layla", "org-admin"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field", is("branch")))
        .andExpect(jsonPath("$.errors[0].message", is("must be main, the branch of bank-prod")));
  }

  @Test
  void aBranchMovedOfCatalystConfigRefreshesAndAnInvalidFileKeepsTheLastValidPolicy() throws Exception {
    String valid = CONFIG.commit(Map.of("policies/moved-prod-policy.yaml", ConfigRepoFixture.policy("moved-prod",
        """
                - kind: pr-required
                  approvers: ["role:org-admin"]
                  minApprovals: 1
            """)), "moved-prod");
    moved(valid);
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        decide(serviceToken(), push("moved", "main", "moved-prod", "ahmed", "org-admin"))
            .andExpect(jsonPath("$.policy", is("moved-prod-policy")))
            .andExpect(jsonPath("$.decision", is("PROMOTION_REQUIRED"))));

    String invalid = CONFIG.commit(Map.of("policies/moved-prod-policy.yaml", ConfigRepoFixture.policy("moved-prod",
        """
                - kind: pr-required
                  approvers: ["role:nobody"]
                  minApprovals: 1
            """)), "broken");
    moved(invalid);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "select count(*) from catalyst_outbox where type = :type and subject = :subject")
        .param("type", PromotionEvents.POLICY_REFUSED)
        .param("subject", "repos/system/catalyst-config/policies/moved-prod-policy.yaml")
        .query(Long.class).single() > 0);
    String data = jdbc.sql("select data from catalyst_outbox where type = :type and subject = :subject")
        .param("type", PromotionEvents.POLICY_REFUSED)
        .param("subject", "repos/system/catalyst-config/policies/moved-prod-policy.yaml")
        .query(String.class).single();
    PromotionEvents.PolicyRefused refused = json.readValue(data, PromotionEvents.PolicyRefused.class);
    org.assertj.core.api.Assertions.assertThat(refused).isEqualTo(new PromotionEvents.PolicyRefused("moved",
        "moved-prod", "policies/moved-prod-policy.yaml", invalid, valid, List.of(new PromotionEvents.PolicyFieldError(
            "spec.rules[0].approvers[0]", refused.errors().getFirst().message()))));
    decide(serviceToken(), push("moved", "main", "moved-prod", "ahmed", "org-admin"))
        .andExpect(jsonPath("$.decision", is("PROMOTION_REQUIRED")))
        .andExpect(jsonPath("$.policy", is("moved-prod-policy")));
  }

  /**
   * The decision through the service's whole HTTP stack in process (MockMvc: security filter chain with JWT
   * verification, JSON both ways, validation, the index): p50/p99 of 2 000 calls after 500 of warm-up, printed for
   * docs/promotion.md.
   */
  @Test
  void decisionLatencyThroughTheServiceStack() throws Exception {
    String token = serviceToken();
    String body = json.writeValueAsString(push("bank", "main", "bank-prod", "layla", "org-admin"));
    int n = 2000;
    long[] nanos = new long[n];
    for (int i = 0; i < 500 + n; i++) {
      long t = System.nanoTime();
      mvc.perform(as(json(post(PromotionApi.DECISIONS), body), token)).andExpect(status().isOk());
      if (i >= 500) {
        nanos[i - 500] = System.nanoTime() - t;
      }
    }
    java.util.Arrays.sort(nanos);
    System.out.printf("decision through the service stack (MockMvc, JWT, JSON): p50 %.2f ms, p99 %.2f ms%n",
        nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6);
    org.assertj.core.api.Assertions.assertThat(nanos[(int) (n * 0.99)]).isLessThan(100_000_000L);
  }

  @Test
  void thePolicyInForceIsReadableAndAFileIsCheckedWithFieldErrors() throws Exception {
    mvc.perform(as(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
            "/api/v1/promotion/policies/bank-prod"), userToken("layla", "bank", "org-developer")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.policy", is("bank-prod-policy")))
        .andExpect(jsonPath("$.path", is("policies/bank-prod-policy.yaml")))
        .andExpect(jsonPath("$.timezone", is("Asia/Muscat")))
        .andExpect(jsonPath("$.yaml", containsString("minApprovals: 2")));
    mvc.perform(as(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
            "/api/v1/promotion/policies/bank-prod"), userToken("eve", "other", "org-admin")))
        .andExpect(status().isNotFound());

    String broken = ConfigRepoFixture.policy("bank-prod", """
            - kind: change-window
              cron: "0 14 * *"
              duration: forever
        """);
    mvc.perform(as(json(post(PromotionApi.POLICY_CHECKS), json.writeValueAsString(
            new PromotionApi.PolicyCheckRequest("policies/bank-prod-policy.yaml", broken))), serviceToken()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid", is(false)))
        .andExpect(jsonPath("$.environment", is("bank-prod")))
        .andExpect(jsonPath("$.errors[0].path", is("spec.rules[0].cron")))
        .andExpect(jsonPath("$.errors[1].path", is("spec.rules[0].duration")));
    mvc.perform(as(json(post(PromotionApi.POLICY_CHECKS), json.writeValueAsString(
            new PromotionApi.PolicyCheckRequest("policies/bank-prod-policy.yaml",
                ConfigRepoFixture.policy("bank-prod", "")))), serviceToken()))
        .andExpect(jsonPath("$.valid", is(true)));
    mvc.perform(as(json(post(PromotionApi.POLICY_CHECKS), json.writeValueAsString(
            new PromotionApi.PolicyCheckRequest("policies/bank-prod-policy.yaml", broken))),
            userToken("dev", "bank", "org-developer")))
        .andExpect(status().isForbidden());
  }

  /** As provisioning's BranchMoves reports a push to system/catalyst-config. */
  private void moved(String sha) {
    tx.executeWithoutResult(s -> outbox.publishAs("provisioning", Topics.PROVISIONING, new CatalystEvent(
        ProvisioningEvents.BRANCH_MOVED, "repos/system/catalyst-config/branches/main", null, null, "sov",
        new BranchMoved("system", "catalyst-config", "main", null, null, sha, "updated", BranchMoved.VIA_PUSH, "sov",
            Instant.now()))));
  }
}
