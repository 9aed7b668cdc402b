package dev.converge.api.converge;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a run's history into one step per activity call. Pure: tested with hand-built events.
 * Payloads (inputs, results, heartbeat details) are never read, so nothing secret leaks into the
 * audit view; failure messages are the workflow's own, already written for people.
 */
public final class TimelineBuilder {
  private static final String PREFIX = "EVENT_TYPE_WORKFLOW_EXECUTION_";

  private TimelineBuilder() {}

  public static Timeline build(String workflowId, String runId, List<HistoryEvent> events) {
    Map<Long, Timeline.Step> steps = new LinkedHashMap<>();
    Instant start = null;
    Instant close = null;
    String status = RunStatus.RUNNING;
    for (HistoryEvent event : events) {
      Instant time = instant(event.getEventTime());
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> start = time;
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          var a = event.getActivityTaskScheduledEventAttributes();
          steps.put(event.getEventId(),
              new Timeline.Step(a.getActivityType().getName(), a.getActivityId(), time, null, null, RunStatus.RUNNING, null, null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          var a = event.getActivityTaskStartedEventAttributes();
          steps.computeIfPresent(a.getScheduledEventId(), (id, s) -> new Timeline.Step(
              s.activity(), s.activityId(), s.scheduled(), time, null, s.outcome(), a.getAttempt(), null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            closeStep(steps, event.getActivityTaskCompletedEventAttributes().getScheduledEventId(), time, "COMPLETED", null);
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
          var a = event.getActivityTaskFailedEventAttributes();
          closeStep(steps, a.getScheduledEventId(), time, "FAILED", a.getFailure().getMessage());
        }
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
          var a = event.getActivityTaskTimedOutEventAttributes();
          closeStep(steps, a.getScheduledEventId(), time, "TIMED_OUT", a.getFailure().getMessage());
        }
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            closeStep(steps, event.getActivityTaskCanceledEventAttributes().getScheduledEventId(), time, "CANCELED", null);
        default -> {
          if (isClose(event.getEventType())) {
            close = time;
            status = event.getEventType().name().substring(PREFIX.length());
          }
        }
      }
    }
    return new Timeline(workflowId, runId, status, start, close, List.copyOf(steps.values()));
  }

  private static void closeStep(Map<Long, Timeline.Step> steps, long scheduledId, Instant time, String outcome, String failure) {
    steps.computeIfPresent(scheduledId, (id, s) -> new Timeline.Step(
        s.activity(), s.activityId(), s.scheduled(), s.started(), time, outcome, s.attempt(), failure));
  }

  private static boolean isClose(EventType type) {
    return switch (type) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
          EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
          EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> true;
      default -> false;
    };
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
