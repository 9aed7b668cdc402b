package dev.converge.activities.track;

import dev.converge.workflows.contract.TrackSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Which containers' logs are shown and which lines of them (the log annotations, §3). */
final class LogFilter {
  private final TrackSpec spec;
  private final Map<String, Pattern> patterns = new HashMap<>();

  LogFilter(TrackSpec spec) {
    this.spec = spec == null ? TrackSpec.defaults() : spec;
  }

  boolean showAny() {
    return !spec.skipLogs();
  }

  boolean showContainer(String container) {
    return !spec.skipLogs()
        && !spec.skipLogsForContainers().contains(container)
        && (spec.showLogsOnlyForContainers().isEmpty()
            || spec.showLogsOnlyForContainers().contains(container));
  }

  /** A container's own regex wins over the resource-wide one; no regex shows every line. */
  boolean showLine(String container, String line) {
    String regex = spec.logRegexForContainer().getOrDefault(container, spec.logRegex());
    if (regex == null || regex.isBlank()) {
      return true;
    }
    return patterns.computeIfAbsent(regex, Pattern::compile).matcher(line).find();
  }
}
