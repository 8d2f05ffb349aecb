package io.catalyst.promotion.gate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as a person reads them in a policy's zone: {@code Thu 14:00 Asia/Muscat}, with the date beyond a week. */
final class Times {

  private static final DateTimeFormatter SOON = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter LATER = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private Times() {}

  static String at(Instant instant, Instant now, ZoneId zone) {
    boolean soon = !instant.isBefore(now.minus(Duration.ofDays(6))) && instant.isBefore(now.plus(Duration.ofDays(6)));
    return (soon ? SOON : LATER).format(instant.atZone(zone)) + " " + zone.getId();
  }

  static String span(Duration d) {
    long minutes = d.toMinutes();
    return minutes >= 60 ? (minutes / 60) + "h" + (minutes % 60 == 0 ? "" : (minutes % 60) + "m") : minutes + "m";
  }

  static String sha(String sha) {
    return sha == null ? "(none)" : sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
