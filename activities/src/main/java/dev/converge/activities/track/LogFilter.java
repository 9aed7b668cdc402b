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

  /**
   * A container's own regex wins over the resource-wide one; no regex shows every line. A line the
   * skip regex (the container's, else the resource's) matches is not shown, whatever else matches.
   */
  boolean showLine(String container, String line) {
    String skip = spec.logRegexSkipForContainer().getOrDefault(container, spec.logRegexSkip());
    if (matches(skip, line)) {
      return false;
    }
    String regex = spec.logRegexForContainer().getOrDefault(container, spec.logRegex());
    return regex == null || regex.isBlank() || matches(regex, line);
  }

  /** How many of a workload's pods have their logs followed. */
  int replicas() {
    return spec.logReplicas();
  }

  private boolean matches(String regex, String line) {
    return regex != null
        && !regex.isBlank()
        && patterns.computeIfAbsent(regex, Pattern::compile).matcher(line).find();
  }
}
