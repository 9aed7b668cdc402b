package dev.converge.api.converge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Folds a run's history into one step per activity call, local ones included. Pure: tested with
 * hand-built events. Payloads (inputs, results, heartbeat details) are never read, so nothing
 * secret leaks into the audit view; failure messages are the workflow's own, already written for
 * people, read through {@code messages} (history holds them encoded).
 */
public final class TimelineBuilder {
  private static final String PREFIX = "EVENT_TYPE_WORKFLOW_EXECUTION_";

  private TimelineBuilder() {}

  public static Timeline build(
      String workflowId,
      String runId,
      List<HistoryEvent> events,
      Function<Failure, String> messages) {
    Map<Long, Timeline.Step> steps = new LinkedHashMap<>();
    Instant start = null;
    Instant close = null;
    String status = RunStatus.RUNNING;
    Instant taskStarted = null;
    for (HistoryEvent event : events) {
      Instant time = instant(event.getEventTime());
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> start = time;
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          var a = event.getActivityTaskScheduledEventAttributes();
          steps.put(
              event.getEventId(),
              new Timeline.Step(
                  a.getActivityType().getName(),
                  a.getActivityId(),
                  time,
                  null,
                  null,
                  RunStatus.RUNNING,
                  null,
                  null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          var a = event.getActivityTaskStartedEventAttributes();
          steps.computeIfPresent(
              a.getScheduledEventId(),
              (id, s) ->
                  new Timeline.Step(
                      s.activity(),
                      s.activityId(),
                      s.scheduled(),
                      time,
                      null,
                      s.outcome(),
                      a.getAttempt(),
                      null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            closeStep(
                steps,
                event.getActivityTaskCompletedEventAttributes().getScheduledEventId(),
                time,
                "COMPLETED",
                null);
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
          var a = event.getActivityTaskFailedEventAttributes();
          closeStep(steps, a.getScheduledEventId(), time, "FAILED", messages.apply(a.getFailure()));
        }
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
          var a = event.getActivityTaskTimedOutEventAttributes();
          closeStep(
              steps, a.getScheduledEventId(), time, "TIMED_OUT", messages.apply(a.getFailure()));
        }
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            closeStep(
                steps,
                event.getActivityTaskCanceledEventAttributes().getScheduledEventId(),
                time,
                "CANCELED",
                null);
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> taskStarted = time;
        case EVENT_TYPE_MARKER_RECORDED -> {
          var a = event.getMarkerRecordedEventAttributes();
          if (LOCAL_ACTIVITY.equals(a.getMarkerName())) {
            steps.put(
                event.getEventId(),
                localStep(a, taskStarted == null ? time : taskStarted, time, messages));
          }
        }
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

  /**
   * A local activity runs inside a workflow task and leaves one marker when it is done. Its type,
   * id, first scheduling time and attempt are plain JSON the SDK writes without the payload codec;
   * its input and result are never read.
   */
  private static Timeline.Step localStep(
      MarkerRecordedEventAttributes marker,
      Instant taskStarted,
      Instant time,
      Function<Failure, String> messages) {
    Map<String, Payloads> details = marker.getDetailsMap();
    String type = plain(details.get("type")).map(JsonNode::asText).orElse("local activity");
    String id = plain(details.get("activityId")).map(JsonNode::asText).orElse(null);
    Optional<JsonNode> meta = plain(details.get("meta"));
    Instant scheduled =
        meta.map(m -> m.path("firstSkd"))
            .filter(JsonNode::canConvertToLong)
            .map(n -> Instant.ofEpochMilli(n.asLong()))
            .orElse(taskStarted);
    Integer attempt =
        meta.map(m -> m.path("atpt")).filter(JsonNode::isInt).map(JsonNode::asInt).orElse(null);
    return new Timeline.Step(
        type,
        id,
        scheduled,
        scheduled,
        time,
        marker.hasFailure() ? "FAILED" : "COMPLETED",
        attempt,
        marker.hasFailure() ? messages.apply(marker.getFailure()) : null);
  }

  private static Optional<JsonNode> plain(Payloads payloads) {
    if (payloads == null || payloads.getPayloadsCount() == 0) {
      return Optional.empty();
    }
    Payload payload = payloads.getPayloads(0);
    ByteString encoding = payload.getMetadataMap().get("encoding");
    if (encoding == null || !"json/plain".equals(encoding.toStringUtf8())) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(payload.getData().toByteArray()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static final String LOCAL_ACTIVITY = "LocalActivity";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void closeStep(
      Map<Long, Timeline.Step> steps,
      long scheduledId,
      Instant time,
      String outcome,
      String failure) {
    steps.computeIfPresent(
        scheduledId,
        (id, s) ->
            new Timeline.Step(
                s.activity(),
                s.activityId(),
                s.scheduled(),
                s.started(),
                time,
                outcome,
                s.attempt(),
                failure));
  }

  private static boolean isClose(EventType type) {
    return switch (type) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
          EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
          EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
          EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
          EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
          EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          true;
      default -> false;
    };
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
