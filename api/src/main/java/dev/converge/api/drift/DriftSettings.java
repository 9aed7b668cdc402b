package dev.converge.api.drift;

import dev.converge.workflows.model.Fields;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A drift schedule's own settings (how often, paused), read from the PUT body beside the check's
 * input, which {@code DriftRequests} parses.
 */
public record DriftSettings(Duration interval, boolean paused) {
  static final Set<String> KEYS = Set.of("interval", "paused");
  static final Duration MIN = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofDays(30);
  private static final Pattern INTERVAL = Pattern.compile("([1-9][0-9]{0,6})(s|m|h|d)");

  /** The settings, with each mistake added to {@code f} under its key. */
  static DriftSettings read(Fields f) {
    String text = f.requiredString("interval");
    Boolean paused = f.bool("paused");
    Duration interval = null;
    if (text != null) {
      interval = parse(text);
      if (interval == null) {
        f.problem("interval", "must look like 30s, 5m, 2h or 1d, got '" + abbreviated(text) + "'");
      } else if (interval.compareTo(MIN) < 0 || interval.compareTo(MAX) > 0) {
        f.problem("interval", "must be between 10s and 30d, got " + text);
      }
    }
    return new DriftSettings(interval, Boolean.TRUE.equals(paused));
  }

  /** The body without the schedule's own keys: the check's input. */
  static Map<String, Object> checkInput(Map<String, Object> body) {
    Map<String, Object> input = new LinkedHashMap<>(body);
    KEYS.forEach(input::remove);
    return input;
  }

  static Duration parse(String text) {
    Matcher m = INTERVAL.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private static String abbreviated(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
