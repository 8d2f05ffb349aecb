package io.catalyst.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.testkit.MutableClock;
import io.catalyst.promotion.policy.EnvironmentName;
import io.catalyst.promotion.policy.EnvironmentPolicy;
import io.catalyst.promotion.policy.PolicyDefaults;
import io.catalyst.promotion.policy.PolicyRule;
import io.catalyst.promotion.policy.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gates together, read against a {@link MutableClock}: the SRE's corporate production in Asia/Muscat. */
class PromotionGatesTest {

  static final ZoneId MUSCAT = ZoneId.of("Asia/Muscat");
  static final String HEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  static final String OLD = "0ld0000000000000000000000000000000000000";

  static Instant muscat(String local) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(local), MUSCAT).toInstant();
  }

  final EnvironmentPolicy corporate = PolicyDefaults.corporateProd("bank-dhofar",
      Set.of(EnvironmentName.EnvType.UAT, EnvironmentName.EnvType.PROD), List.of("team-platform", "team-security"),
      MUSCAT);

  // 2026-12-05 is a Saturday: the head reached uat then, so the 72 h soak ends on Tuesday 17:30, after Tuesday's
  // window (14:00–16:00): the next window is Thursday 14:00.
  final Map<String, Instant> headSince = Map.of("bank-dhofar-uat", muscat("2026-12-05T17:30"));

  PromotionFacts facts(List<Approval> approvals, Integer score) {
    return new PromotionFacts("layla", "bank-dhofar-uat", HEAD, headSince, approvals, 3, score);
  }

  static Approval approval(String who, String team, String sha) {
    return new Approval(who, Set.of(team), Set.of("org-developer"), sha, Instant.parse("2026-12-05T00:00:00Z"));
  }

  @Test
  void blockedExplainsEveryGateAndTheEarliestMerge() {
    MutableClock clock = new MutableClock(muscat("2026-12-06T09:00"));
    PromotionGates gates = new PromotionGates(clock);
    List<Approval> approvals = new ArrayList<>(List.of(approval("omar", "team-platform", HEAD),
        approval("salma", "team-security", OLD)));

    GateEvaluation e = gates.evaluate(corporate, facts(approvals, 85));

    assertThat(e.blocked()).isTrue();
    assertThat(e.gates()).extracting(GateResult::status).containsExactly(GateResult.Status.BLOCKED,
        GateResult.Status.PASSING, GateResult.Status.BLOCKED, GateResult.Status.BLOCKED);
    assertThat(e.gates().get(0).explanation()).isEqualTo("1 of 2 approvals from team-platform, team-security for"
        + " a1b2c3d; 1 approval was given to an older head and no longer counts");
    assertThat(e.gates().get(2).explanation()).startsWith("soak ends Tue 17:30 Asia/Muscat");
    assertThat(e.gates().get(3).explanation()).startsWith("next window Tue 14:00 Asia/Muscat");
    assertThat(e.earliestMerge()).isEqualTo(muscat("2026-12-10T14:00"));
    assertThat(e.waitingFor()).containsExactly("pr-required");
    assertThat(e.summary()).startsWith("blocked: 1 of 2 approvals").contains("soak ends Tue 17:30 Asia/Muscat")
        .endsWith("earliest merge Thu 14:00 Asia/Muscat once pr-required passes");

    // Thursday 14:30: soaked and inside the window, still one approval short.
    clock.advance(Duration.between(clock.instant(), muscat("2026-12-10T14:30")));
    e = gates.evaluate(corporate, facts(approvals, 85));
    assertThat(e.blocked()).isTrue();
    assertThat(e.gates()).extracting(GateResult::status).containsExactly(GateResult.Status.BLOCKED,
        GateResult.Status.PASSING, GateResult.Status.PASSING, GateResult.Status.PASSING);
    assertThat(e.earliestMerge()).isEqualTo(clock.instant());

    approvals.add(approval("salma", "team-security", HEAD));
    e = gates.evaluate(corporate, facts(approvals, 85));
    assertThat(e.blocked()).isFalse();
    assertThat(e.earliestMerge()).isEqualTo(clock.instant());
    assertThat(e.summary()).isEqualTo("passing: every gate of bank-dhofar-prod-policy passes");
    assertThat(e.gates().get(3).explanation()).startsWith("window open until Thu 16:00 Asia/Muscat");

    // 16:00 the window closes: the next one is Tuesday.
    clock.advance(Duration.ofMinutes(90));
    e = gates.evaluate(corporate, facts(approvals, 85));
    assertThat(e.blocked()).isTrue();
    assertThat(e.earliestMerge()).isEqualTo(muscat("2026-12-15T14:00"));
  }

  @Test
  void forecastAnswersForAnotherInstantWithTheSameFacts() {
    PromotionGates gates = new PromotionGates(new MutableClock(muscat("2026-12-06T09:00")));
    PromotionFacts approved = facts(List.of(approval("omar", "team-platform", HEAD),
        approval("salma", "team-security", HEAD)), 90);

    GateEvaluation tuesdayInWindowBeforeSoak = gates.forecast(corporate, approved, muscat("2026-12-08T15:00"));
    assertThat(tuesdayInWindowBeforeSoak.blocked()).isTrue();
    assertThat(tuesdayInWindowBeforeSoak.gates().get(2).status()).isEqualTo(GateResult.Status.BLOCKED);
    assertThat(tuesdayInWindowBeforeSoak.gates().get(3).status()).isEqualTo(GateResult.Status.PASSING);
    assertThat(tuesdayInWindowBeforeSoak.earliestMerge()).isEqualTo(muscat("2026-12-10T14:00"));

    GateEvaluation thursday = gates.forecast(corporate, approved, muscat("2026-12-10T14:00"));
    assertThat(thursday.blocked()).isFalse();
    assertThat(thursday.at()).isEqualTo(muscat("2026-12-10T14:00"));
  }

  @Test
  void aSoakEndingInsideAWindowMergesAtTheSoaksEnd() {
    Map<String, Instant> since = Map.of("bank-dhofar-uat", muscat("2026-12-05T14:03"));
    PromotionFacts f = new PromotionFacts("layla", "bank-dhofar-uat", HEAD, since, List.of(), 3, 90);

    GateEvaluation e = new PromotionGates(new MutableClock(muscat("2026-12-06T09:00"))).evaluate(corporate, f);

    assertThat(e.gates().get(2).explanation()).startsWith("soak ends Tue 14:03 Asia/Muscat");
    assertThat(e.earliestMerge()).isEqualTo(muscat("2026-12-08T14:03"));
  }

  @Test
  void aShaThatIsNotTheSourceHeadHasNotStartedToSoak() {
    PromotionFacts f = new PromotionFacts("layla", "bank-dhofar-uat", HEAD, Map.of(), List.of(), 3, 90);

    GateEvaluation e = new PromotionGates(new MutableClock(muscat("2026-12-06T09:00"))).evaluate(corporate, f);

    assertThat(e.gates().get(2).explanation()).isEqualTo("a1b2c3d is not the head of bank-dhofar-uat yet: it must run"
        + " there for 72h");
    assertThat(e.waitingFor()).containsExactly("pr-required", "soak");
  }

  @Test
  void theReScoreBlocksWhenLowOrMissingAndAdvisoryOnlyWarns() {
    EnvironmentPolicy blocking = policy(new PolicyRule.ReScoreGate(80, Severity.BLOCKING));
    EnvironmentPolicy advisory = policy(new PolicyRule.ReScoreGate(80, Severity.ADVISORY));
    PromotionGates gates = new PromotionGates(new MutableClock(muscat("2026-12-06T09:00")));

    assertThat(gates.evaluate(blocking, scored(79)).summary()).isEqualTo("blocked: RE score 79 is below 80 for a1b2c3d");
    assertThat(gates.evaluate(blocking, scored(null)).waitingFor()).containsExactly("re-score-gate");
    assertThat(gates.evaluate(blocking, scored(80)).blocked()).isFalse();

    GateEvaluation warned = gates.evaluate(advisory, scored(50));
    assertThat(warned.blocked()).isFalse();
    assertThat(warned.gates().getFirst().status()).isEqualTo(GateResult.Status.WARNING);
    assertThat(warned.summary()).isEqualTo("passing with warnings: advisory: RE score 50 is below 80 for a1b2c3d");
  }

  @Test
  void anAdvisoryWindowNeverDelaysTheMerge() {
    EnvironmentPolicy p = policy(new PolicyRule.ChangeWindow("0 14 * * 2,4", Duration.ofHours(2), null,
        Severity.ADVISORY));
    Instant sunday = muscat("2026-12-06T09:00");

    GateEvaluation e = new PromotionGates(new MutableClock(sunday)).evaluate(p, scored(null));

    assertThat(e.blocked()).isFalse();
    assertThat(e.earliestMerge()).isEqualTo(sunday);
    assertThat(e.gates().getFirst().explanation()).startsWith("advisory: next window Tue 14:00 Asia/Muscat");
  }

  @Test
  void aPolicyWithoutRulesPassesAtOnce() {
    Instant now = muscat("2026-12-06T09:00");
    GateEvaluation e = new PromotionGates(new MutableClock(now)).evaluate(policy(), scored(null));
    assertThat(e.blocked()).isFalse();
    assertThat(e.earliestMerge()).isEqualTo(now);
  }

  static EnvironmentPolicy policy(PolicyRule... rules) {
    return new EnvironmentPolicy(new EnvironmentName("acme", EnvironmentName.EnvType.PROD), MUSCAT, List.of(rules));
  }

  static PromotionFacts scored(Integer score) {
    return new PromotionFacts("layla", "acme-stg", HEAD, Map.of(), List.of(), 1, score);
  }

}
