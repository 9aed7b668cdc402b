package dev.converge.api.drift;

import dev.converge.workflows.drift.DriftResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A release's drift schedule as {@code GET .../drift} answers.
 *
 * @param check the input each scheduled check starts with (mode, ignore rules)
 * @param recentChecks the newest last: workflow id and run id of each recent check
 * @param lastResult the newest finished check's report; null while none has finished
 */
public record DriftScheduleView(
    String scheduleId,
    String interval,
    boolean paused,
    Map<String, Object> check,
    List<Instant> nextChecks,
    List<RecentCheck> recentChecks,
    DriftResult lastResult) {

  public record RecentCheck(String workflowId, String runId, Instant startedAt) {}
}
