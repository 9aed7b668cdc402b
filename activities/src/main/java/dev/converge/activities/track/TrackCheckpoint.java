package dev.converge.activities.track;

import dev.converge.workflows.model.ResourceStatus;
import java.util.List;
import java.util.Map;

/**
 * Heartbeat details of the tracking activity. The table shows progress on the pending activity; the
 * failure keys and start time let a retry after a worker crash go on where it stopped: same
 * deadline, same failure counts, nothing counted twice.
 *
 * @param table one row per tracked item, in request order
 * @param seenFailures keys of the failure observations already counted (see {@link FailureCounter})
 * @param startedAtMillis when the first attempt started tracking, epoch milliseconds
 * @param hopeBaselines per resource (display name): errors when a HopeUntilEndOfDeployProcess item
 *     went back to normal; a retry must not give it its allowance back
 * @param statusTable the table as text (RESOURCE, STATE, INFO), for people reading the pending
 *     activity in the Temporal UI or {@code temporal workflow describe}; never read back
 * @param logs the last log lines shown, so the API's live stream has them while tracking goes on
 *     (the workflow hears of them only when the activity ends); never read back
 */
public record TrackCheckpoint(
    List<ResourceStatus> table,
    List<String> seenFailures,
    long startedAtMillis,
    Map<String, Integer> hopeBaselines,
    String statusTable,
    List<String> logs) {

  public TrackCheckpoint {
    logs = logs == null ? List.of() : List.copyOf(logs);
    table = List.copyOf(table);
    seenFailures = List.copyOf(seenFailures);
    hopeBaselines = hopeBaselines == null ? Map.of() : Map.copyOf(hopeBaselines);
  }

  public TrackCheckpoint(List<ResourceStatus> table, List<String> seenFailures, long startedAt) {
    this(table, seenFailures, startedAt, Map.of(), StatusTable.format(table), List.of());
  }

  public TrackCheckpoint(
      List<ResourceStatus> table,
      List<String> seenFailures,
      long startedAtMillis,
      Map<String, Integer> hopeBaselines,
      String statusTable) {
    this(table, seenFailures, startedAtMillis, hopeBaselines, statusTable, List.of());
  }
}
