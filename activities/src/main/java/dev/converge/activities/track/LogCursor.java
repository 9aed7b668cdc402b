package dev.converge.activities.track;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where we are in one container's log. Logs are fetched with timestamps since the last second seen
 * (the API only takes whole seconds), so each fetch repeats a few lines: those are dropped by
 * remembering the recent raw lines.
 */
final class LogCursor {
  private static final int REMEMBERED = 1000;
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();
  private Instant since;

  LogCursor(Instant since) {
    this.since = since;
  }

  /** RFC 3339 time to pass as sinceTime. */
  String sinceTime() {
    return since.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The lines of this fetch not returned before, without their timestamps. */
  List<String> newLines(String raw) {
    List<String> lines = new ArrayList<>();
    if (raw == null) {
      return lines;
    }
    for (String line : raw.split("\r?\n")) {
      if (line.isBlank() || !seen.add(line)) {
        continue;
      }
      forgetOldest();
      lines.add(withoutTimestamp(line));
    }
    return lines;
  }

  private String withoutTimestamp(String line) {
    int space = line.indexOf(' ');
    if (space <= 0) {
      return line;
    }
    try {
      Instant at = Instant.parse(line.substring(0, space));
      if (at.isAfter(since)) {
        since = at;
      }
      return line.substring(space + 1);
    } catch (DateTimeParseException e) {
      return line; // not timestamped (some fakes return plain text): keep it whole
    }
  }

  private void forgetOldest() {
    if (seen.size() > REMEMBERED) {
      Iterator<String> oldest = seen.iterator();
      oldest.next();
      oldest.remove();
    }
  }
}
