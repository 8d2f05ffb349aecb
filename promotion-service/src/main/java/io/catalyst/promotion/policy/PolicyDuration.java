package io.catalyst.promotion.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as policies write them: {@code 72h}, {@code 2h}, {@code 90m}, {@code 1h30m}, {@code 3d}. */
public final class PolicyDuration {

  private static final Pattern WHOLE = Pattern.compile("^(\\d{1,5}d)?(\\d{1,5}h)?(\\d{1,6}m)?$");
  private static final Pattern PART = Pattern.compile("(\\d+)([dhm])");

  private PolicyDuration() {}

  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty() || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration d = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofMinutes(n);
      });
    }
    return Optional.of(d);
  }

  /** The shortest text {@link #parse} reads back: {@code 72h}, {@code 1h30m}. Whole minutes only. */
  public static String format(Duration d) {
    long minutes = d.toMinutes();
    long hours = minutes / 60;
    long rest = minutes % 60;
    if (hours == 0) {
      return rest + "m";
    }
    return rest == 0 ? hours + "h" : hours + "h" + rest + "m";
  }
}
