package dev.converge.workflows.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as werf annotations write them: {@code 90s}, {@code 4m}, {@code 1h30m}. */
final class Durations {
  // At most 12 digits per part, so no part overflows a long; longer numbers are no duration.
  private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
  private static final long MAX_MILLIS = Integer.MAX_VALUE * 1000L + 999;

  private Durations() {}

  /**
   * @return whole seconds, or -1 when the text is not a duration
   */
  static int seconds(String text) {
    if (text == null || text.isBlank()) {
      return -1;
    }
    Matcher m = PART.matcher(text.trim());
    long millis = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return -1;
      }
      long n = Long.parseLong(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
          };
      end = m.end();
      if (millis > MAX_MILLIS) {
        return -1;
      }
    }
    if (end != text.trim().length()) {
      return -1;
    }
    return (int) (millis / 1000);
  }
}
