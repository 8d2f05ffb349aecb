package io.catalyst.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.promotion.policy.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Change windows in a zone without DST (Asia/Muscat, UTC+4) and one with it (Europe/Berlin). */
class ChangeWindowTest {

  static final ZoneId MUSCAT = ZoneId.of("Asia/Muscat");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  final CronSchedule muscat = CronSchedule.of("0 14 * * 2,4", Duration.ofHours(2), MUSCAT);
  final CronSchedule berlin = CronSchedule.of("0 14 * * 2,4", Duration.ofHours(2), BERLIN);

  @Test
  void tuesdayAndThursdayFourteenToSixteenInMuscat() {
    // Tuesday 2026-12-08: 14:00 Muscat is 10:00Z.
    assertThat(muscat.isOpen(Instant.parse("2026-12-08T09:59:59Z"))).isFalse();
    assertThat(muscat.nextOpening(Instant.parse("2026-12-08T09:59:59Z"))).contains(Instant.parse("2026-12-08T10:00:00Z"));
    assertThat(muscat.openUntil(Instant.parse("2026-12-08T10:00:00Z"))).contains(Instant.parse("2026-12-08T12:00:00Z"));
    assertThat(muscat.openUntil(Instant.parse("2026-12-08T11:59:59Z"))).contains(Instant.parse("2026-12-08T12:00:00Z"));
    assertThat(muscat.isOpen(Instant.parse("2026-12-08T12:00:00Z"))).isFalse();
    assertThat(muscat.earliestOpenAtOrAfter(Instant.parse("2026-12-08T12:00:00Z")))
        .contains(Instant.parse("2026-12-10T10:00:00Z"));
    assertThat(muscat.earliestOpenAtOrAfter(Instant.parse("2026-12-10T11:00:00Z")))
        .contains(Instant.parse("2026-12-10T11:00:00Z"));
  }

  @Test
  void berlinWindowsFollowTheMarchChangeToSummerTime() {
    // Summer time starts Sunday 2027-03-28: Thursday before, 14:00 CET = 13:00Z; the Tuesday after, 14:00 CEST = 12:00Z.
    assertThat(berlin.nextOpening(Instant.parse("2027-03-24T00:00:00Z"))).contains(Instant.parse("2027-03-25T13:00:00Z"));
    assertThat(berlin.nextOpening(Instant.parse("2027-03-25T15:00:00Z"))).contains(Instant.parse("2027-03-30T12:00:00Z"));
    assertThat(berlin.isOpen(Instant.parse("2027-03-30T12:30:00Z"))).isTrue();
    assertThat(berlin.isOpen(Instant.parse("2027-03-30T14:00:00Z"))).isFalse();
  }

  @Test
  void berlinWindowsFollowTheOctoberChangeToWinterTime() {
    // Winter time starts Sunday 2026-10-25: Thursday before, 14:00 CEST = 12:00Z; the Tuesday after, 14:00 CET = 13:00Z.
    assertThat(berlin.nextOpening(Instant.parse("2026-10-21T00:00:00Z"))).contains(Instant.parse("2026-10-22T12:00:00Z"));
    assertThat(berlin.nextOpening(Instant.parse("2026-10-22T14:00:00Z"))).contains(Instant.parse("2026-10-27T13:00:00Z"));
    assertThat(berlin.isOpen(Instant.parse("2026-10-27T12:30:00Z"))).isFalse();
    assertThat(berlin.openUntil(Instant.parse("2026-10-27T13:30:00Z"))).contains(Instant.parse("2026-10-27T15:00:00Z"));
  }

  @Test
  void aWindowAcrossTheChangeLastsItsDurationInElapsedTime() {
    // Sunday 01:00 for 3 h: on 2027-03-28 it opens 01:00 CET (00:00Z) and closes 3 h later, 05:00 CEST (03:00Z).
    CronSchedule night = CronSchedule.of("0 1 * * 0", Duration.ofHours(3), BERLIN);
    assertThat(night.nextOpening(Instant.parse("2027-03-27T12:00:00Z"))).contains(Instant.parse("2027-03-28T00:00:00Z"));
    assertThat(night.openUntil(Instant.parse("2027-03-28T02:30:00Z"))).contains(Instant.parse("2027-03-28T03:00:00Z"));
    // On 2026-10-25 01:00 CEST is 23:00Z the day before; it closes at 02:00Z (03:00 CET).
    assertThat(night.nextOpening(Instant.parse("2026-10-24T12:00:00Z"))).contains(Instant.parse("2026-10-24T23:00:00Z"));
    assertThat(night.openUntil(Instant.parse("2026-10-25T01:30:00Z"))).contains(Instant.parse("2026-10-25T02:00:00Z"));
  }

  @Test
  void anOpeningInTheSpringGapIsSkippedThatDay() {
    // 02:30 does not exist in Berlin on 2027-03-28 (02:00 CET jumps to 03:00 CEST).
    CronSchedule gap = CronSchedule.of("30 2 * * *", Duration.ofHours(1), BERLIN);
    // That day has no window; the next is Monday 02:30 CEST.
    assertThat(gap.nextOpening(Instant.parse("2027-03-27T12:00:00Z"))).contains(Instant.parse("2027-03-29T00:30:00Z"));
  }

  @Test
  void overlappingWindowsExtendEachOther() {
    // 10:00–11:30 and 11:00–12:30 Muscat make one window 10:00–12:30 (06:00Z–08:30Z).
    CronSchedule twice = CronSchedule.of("0 10,11 * * *", Duration.ofMinutes(90), MUSCAT);
    assertThat(twice.openUntil(Instant.parse("2026-12-08T06:10:00Z"))).contains(Instant.parse("2026-12-08T08:30:00Z"));
    assertThat(twice.isOpen(Instant.parse("2026-12-08T08:30:00Z"))).isFalse();
  }

  @Test
  void onlyFiveFieldCronsAreAccepted() {
    assertThat(CronSchedule.problem("0 14 * * 2,4")).isEmpty();
    assertThat(CronSchedule.problem("0 0 14 * * 2")).get().asString().contains("5 fields");
    assertThat(CronSchedule.problem("@daily")).isPresent();
    assertThat(CronSchedule.problem("61 14 * * *")).get().asString().contains("not a valid cron");
  }
}
