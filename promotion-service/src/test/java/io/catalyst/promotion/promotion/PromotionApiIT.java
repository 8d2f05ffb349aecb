package io.catalyst.promotion.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.events.Topics;
import io.catalyst.platform.testkit.TestTokens;
import io.catalyst.promotion.contract.PromotionEvents;
import io.catalyst.promotion.policy.PolicyRefresher;
import io.catalyst.promotion.support.ConfigRepoFixture;
import io.catalyst.promotion.support.PromotionIntegrationTest;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.EnvironmentEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SRE's promotion staging → uat under two team approvals, a 72 h soak and a Tue/Thu 14:00 window: opened against
 * the source head, approvals bound to it, a push to staging takes them away, the earliest merge and a forecast.
 * Environments and heads arrive as provisioning's events through the outbox; the events published are read back
 * into the contract records strictly.
 */
class PromotionApiIT extends PromotionIntegrationTest {

  static final String ORG = "sre-bank";
  static final String SHA1 = "1".repeat(40);
  static final String SHA2 = "2".repeat(40);

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;
  @Autowired JsonMapper json;
  @Autowired PolicyRefresher refresher;

  String layla = TestTokens.user("layla").org(ORG).roles("org-developer").teams("team-platform")
      .environments(ORG + "-dev", ORG + "-stg").sign();
  String omar = TestTokens.user("omar").org(ORG).roles("org-developer").teams("team-platform").sign();
  String salma = TestTokens.user("salma").org(ORG).roles("security-officer").teams("team-security").sign();
  String hank = TestTokens.user("hank").org(ORG).roles("org-developer").teams("team-frontend").sign();
  String stranger = TestTokens.user("eve").org("other-bank").roles("org-admin").sign();

  @Test
  void approvalsAreBoundToTheSourceHeadAndTheGatesSayWhenTheMergeCanHappen() throws Exception {
    CONFIG.commit(Map.of("policies/" + ORG + "-uat-policy.yaml", ConfigRepoFixture.policy(ORG + "-uat", """
            - kind: pr-required
              approvers: [team-platform, team-security]
              minApprovals: 2
            - kind: soak
              duration: 72h
            - kind: change-window
              cron: "0 14 * * 2,4"
              duration: 2h
        """)), "uat policy");
    refresher.refresh();
    for (String type : List.of("dev", "stg", "uat", "prod")) {
      provisioning(ProvisioningEvents.ENVIRONMENT_CREATED, "environments/" + ORG + "-" + type, ORG + "-" + type,
          new EnvironmentEvents.Created(ORG + "-" + type, ORG, type, null, List.of("fsn"), null, "layla"));
    }
    moved("staging", null, SHA1, clock.instant());

    String body = "{\"application\":\"payments\",\"sourceEnvironment\":\"" + ORG + "-stg\"}";
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(as(json(post("/api/v1/promotion/promotions"), body), layla)).andExpect(status().isCreated()));
    String id = jdbc.sql("select id::text from promotion where organization = :org").param("org", ORG)
        .query(String.class).single();
    mvc.perform(as(get("/api/v1/promotion/promotions/" + id), layla))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.targetEnvironment", is(ORG + "-uat")))
        .andExpect(jsonPath("$.sourceSha", is(SHA1)))
        .andExpect(jsonPath("$.state", is("open")))
        .andExpect(jsonPath("$.policy", is(ORG + "-uat-policy")))
        .andExpect(jsonPath("$.evaluation.blocked", is(true)))
        .andExpect(jsonPath("$.evaluation.summary", containsString("blocked: 0 of 2 approvals")));
    PromotionEvents.Promotion requested = event(PromotionEvents.REQUESTED, id);
    assertThat(requested.sourceSha()).isEqualTo(SHA1);
    assertThat(requested.requestedBy()).isEqualTo("layla");
    assertThat(requested.gates()).extracting(PromotionEvents.Gate::gate)
        .containsExactly("pr-required", "soak", "change-window");

    // Another Organization sees nothing; the author, and someone the policy does not name, do not approve.
    mvc.perform(as(get("/api/v1/promotion/promotions/" + id), stranger)).andExpect(status().isNotFound());
    approve(id, layla).andExpect(status().isForbidden());
    approve(id, hank).andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail", containsString("team-platform, team-security")));
    mvc.perform(as(json(post("/api/v1/promotion/promotions/" + id + "/approvals"), "{\"verdict\":\"maybe\"}"), omar))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field", is("verdict")));

    approve(id, omar).andExpect(status().isOk())
        .andExpect(jsonPath("$.evaluation.gates[0].explanation", containsString("1 of 2 approvals")));
    assertThat(event(PromotionEvents.APPROVED, id).decidedBy()).isEqualTo("omar");

    // A push to staging: the promotion now promotes SHA2, omar's approval (for SHA1) no longer counts.
    clock.advance(Duration.ofMinutes(5));
    Instant pushedAt = clock.instant();
    moved("staging", SHA1, SHA2, pushedAt);
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/promotion/promotions/" + id), layla))
            .andExpect(jsonPath("$.sourceSha", is(SHA2)))
            .andExpect(jsonPath("$.approvals[0].counts", is(false)))
            .andExpect(jsonPath("$.evaluation.gates[0].explanation",
                containsString("0 of 2 approvals from team-platform, team-security for 2222222; 1 approval was given"
                    + " to an older head and no longer counts"))));
    PromotionEvents.Promotion invalidated = event(PromotionEvents.APPROVAL_INVALIDATED, id);
    assertThat(invalidated.sourceSha()).isEqualTo(SHA2);
    assertThat(invalidated.reason()).startsWith("1 approval was given to " + SHA1);

    approve(id, omar).andExpect(status().isOk());
    JsonNode now = read(approve(id, salma).andExpect(status().isOk()).andReturn());
    assertThat(now.at("/evaluation/gates/0/status").asString()).isEqualTo("PASSING");
    assertThat(now.at("/evaluation/gates/1/status").asString()).isEqualTo("BLOCKED");
    assertThat(now.at("/evaluation/gates/1/explanation").asString()).startsWith("soak ends");
    Instant earliest = Instant.parse(now.at("/evaluation/earliestMerge").asString());
    assertThat(earliest).isAfterOrEqualTo(pushedAt.plus(Duration.ofHours(72)));
    assertThat(earliest.atZone(java.time.ZoneId.of("Asia/Muscat")).getDayOfWeek())
        .isIn(java.time.DayOfWeek.TUESDAY, java.time.DayOfWeek.THURSDAY);

    mvc.perform(as(get("/api/v1/promotion/promotions/" + id + "/forecast?at=" + earliest), layla))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.evaluation.blocked", is(false)))
        .andExpect(jsonPath("$.evaluation.at", is(earliest.toString())));
    mvc.perform(as(get("/api/v1/promotion/promotions/" + id + "/forecast?at=tomorrow"), layla))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field", is("at")));

    // Time travel: once the clock reaches that instant, the gates pass now.
    clock.advance(Duration.between(clock.instant(), earliest).plusMinutes(1));
    mvc.perform(as(get("/api/v1/promotion/promotions/" + id), layla))
        .andExpect(jsonPath("$.evaluation.blocked", is(false)));

    // A rejection closes it.
    mvc.perform(as(json(post("/api/v1/promotion/promotions/" + id + "/approvals"),
            "{\"verdict\":\"reject\",\"comment\":\"not this week\"}"), salma))
        .andExpect(status().isOk()).andExpect(jsonPath("$.state", is("closed")));
    assertThat(event(PromotionEvents.REJECTED, id).reason()).isEqualTo("not this week");
  }

  @Test
  void theLastEnvironmentHasNothingAboveItAndAnUnknownBranchIsNotFound() throws Exception {
    String org = "sme-shop";
    provisioning(ProvisioningEvents.ENVIRONMENT_CREATED, "environments/" + org + "-prod", org + "-prod",
        new EnvironmentEvents.Created(org + "-prod", org, "prod", "main", List.of("fsn"), null, "ahmed"));
    String ahmed = TestTokens.user("ahmed").org(org).roles("org-admin").sign();
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(as(json(post("/api/v1/promotion/promotions"),
                "{\"application\":\"shop\",\"sourceEnvironment\":\"" + org + "-prod\"}"), ahmed))
            .andExpect(status().isConflict()));
    mvc.perform(as(json(post("/api/v1/promotion/promotions"),
            "{\"application\":\"shop\",\"sourceEnvironment\":\"" + org + "-dev\"}"), ahmed))
        .andExpect(status().isNotFound());
    mvc.perform(as(json(post("/api/v1/promotion/promotions"),
            "{\"application\":\"Shop!\",\"sourceEnvironment\":\"nowhere\"}"), ahmed))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.length()", is(2)));
  }

  private org.springframework.test.web.servlet.ResultActions approve(String id, String token) throws Exception {
    return mvc.perform(as(json(post("/api/v1/promotion/promotions/" + id + "/approvals"),
        "{\"verdict\":\"approve\"}"), token));
  }

  private JsonNode read(MvcResult result) throws Exception {
    return json.readTree(result.getResponse().getContentAsString());
  }

  /** The last event of {@code type} about promotion {@code id} in the outbox, read strictly into the contract. */
  private PromotionEvents.Promotion event(String type, String id) {
    String data = jdbc.sql("select data from catalyst_outbox where type = :type and subject = :subject"
            + " order by position desc limit 1")
        .param("type", type).param("subject", "promotions/" + id).query(String.class).single();
    return json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(data, PromotionEvents.Promotion.class);
  }

  private void moved(String branch, String oldSha, String newSha, Instant at) {
    String env = ORG + "-" + (branch.equals("staging") ? "stg" : "dev");
    provisioning(ProvisioningEvents.BRANCH_MOVED, "repos/" + ORG + "/payments/branches/" + branch, env,
        new BranchMoved(ORG, "payments", branch, env, oldSha, newSha, oldSha == null ? "created" : "updated",
            BranchMoved.VIA_PUSH, "layla", at));
  }

  /** Through the outbox, on provisioning's topic, as provisioning sends it. */
  private void provisioning(String type, String subject, String env, Object data) {
    tx.executeWithoutResult(s -> outbox.publishAs("provisioning", Topics.PROVISIONING,
        new CatalystEvent(type, subject, subject.contains(ORG) ? ORG : subject.split("/")[1].replaceAll("-[a-z]+$",
            ""), env, "layla", data)));
  }
}
