package dev.converge.workflows.contract;

import dev.converge.workflows.model.Copies;
import java.util.Map;
import java.util.Set;

/**
 * How one resource is tracked (docs/semantics.md#annotations, tracking). Defaults are applied by
 * {@link Classifier}; a null {@code failuresAllowedPerReplica} means "the kind's default".
 */
public record TrackSpec(
    boolean nonBlocking,
    FailMode failMode,
    Integer failuresAllowedPerReplica,
    int noActivityTimeoutSeconds,
    Map<String, Integer> ignoreReadinessProbeFailsForSeconds,
    String logRegex,
    Map<String, String> logRegexForContainer,
    boolean skipLogs,
    Set<String> skipLogsForContainers,
    Set<String> showLogsOnlyForContainers,
    boolean showServiceMessages,
    String logRegexSkip,
    Map<String, String> logRegexSkipForContainer,
    Integer showLogsForReplicas) {

  public static final int DEFAULT_NO_ACTIVITY_SECONDS = 240;

  public enum FailMode {
    FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY,
    IGNORE_AND_CONTINUE_DEPLOY_PROCESS,
    HOPE_UNTIL_END_OF_DEPLOY_PROCESS
  }

  public TrackSpec {
    ignoreReadinessProbeFailsForSeconds = Copies.map(ignoreReadinessProbeFailsForSeconds);
    logRegexForContainer = Copies.map(logRegexForContainer);
    skipLogsForContainers = Copies.set(skipLogsForContainers);
    showLogsOnlyForContainers = Copies.set(showLogsOnlyForContainers);
    logRegexSkipForContainer = Copies.map(logRegexSkipForContainer);
  }

  /** Pods whose logs are shown: {@code werf.io/show-logs-only-for-number-of-replicas}, else 1. */
  public int logReplicas() {
    return showLogsForReplicas == null ? 1 : showLogsForReplicas;
  }

  public static TrackSpec defaults() {
    return new TrackSpec(
        false,
        FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY,
        null,
        DEFAULT_NO_ACTIVITY_SECONDS,
        Map.of(),
        null,
        Map.of(),
        false,
        Set.of(),
        Set.of(),
        false,
        null,
        Map.of(),
        null);
  }
}
