package dev.converge.api.converge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ResourceStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code progress} query changes only between steps; while a step tracks, the live table is in
 * the TrackResources heartbeat. Status and the events stream show both: the query's phase and rows,
 * overlaid with the heartbeat's rows. Best effort: an unreadable heartbeat is skipped.
 */
final class LiveProgress {
  static final String TRACK_ACTIVITY = "TrackResources";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private LiveProgress() {}

  static Progress merge(
      Progress queried, DescribeWorkflowExecutionResponse description, DataConverter converter) {
    Map<?, ?> details = heartbeat(description, converter);
    List<ResourceStatus> live = rows(details);
    if (live.isEmpty()) {
      return queried;
    }
    List<String> logs = new ArrayList<>(queried == null ? List.of() : queried.lastLogLines());
    for (String line : lines(details)) {
      if (!logs.contains(line)) {
        logs.add(line);
      }
    }
    Map<String, ResourceStatus> rows = new LinkedHashMap<>();
    if (queried != null) {
      queried.resources().forEach(r -> rows.put(r.resource(), r));
    }
    live.forEach(r -> rows.put(r.resource(), r));
    return queried == null
        ? new Progress(Phase.TRACK, "", 0, List.copyOf(rows.values()), logs)
        : new Progress(
            queried.phase(),
            queried.step(),
            queried.revision(),
            List.copyOf(rows.values()),
            logs,
            queried.operations());
  }

  private static List<ResourceStatus> rows(Map<?, ?> details) {
    Object table = details == null ? null : details.get("table");
    try {
      return table == null
          ? List.of()
          : JSON.convertValue(table, new TypeReference<List<ResourceStatus>>() {});
    } catch (RuntimeException unreadable) {
      return List.of();
    }
  }

  /** The tracking activity's last log lines, shown while it runs. */
  private static List<String> lines(Map<?, ?> details) {
    Object logs = details == null ? null : details.get("logs");
    if (!(logs instanceof List<?> list)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    list.forEach(line -> out.add(String.valueOf(line)));
    return out;
  }

  private static Map<?, ?> heartbeat(
      DescribeWorkflowExecutionResponse description, DataConverter converter) {
    for (PendingActivityInfo activity : description.getPendingActivitiesList()) {
      if (!TRACK_ACTIVITY.equals(activity.getActivityType().getName())
          || !activity.hasHeartbeatDetails()) {
        continue;
      }
      try {
        return converter.fromPayloads(
            0, Optional.of(activity.getHeartbeatDetails()), Map.class, Map.class);
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
    return null;
  }
}
