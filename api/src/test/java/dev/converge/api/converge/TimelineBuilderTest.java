package dev.converge.api.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.converge.workflows.codec.CodecKeys;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.*;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {
  private static final long T0 = 1_793_000_000L;
  private static final DataConverter CONVERTER =
      CodecKeys.dataConverter(
          CodecKeys.codec(Map.of("k1", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), "k1")
              .orElseThrow());

  /** As history holds it: the message encrypted in the failure's encoded attributes. */
  private static final Failure ENCODED =
      CONVERTER.exceptionToFailure(
          ApplicationFailure.newFailure("broken-app: CrashLoopBackOff", "TrackFailed"));

  private static String decoded(Failure failure) {
    return ((TemporalFailure) CONVERTER.failureToException(failure)).getOriginalMessage();
  }

  @Test
  void historyHoldsTheFailureMessageOnlyEncoded() {
    Assertions.assertFalse(ENCODED.toString().contains("CrashLoopBackOff"), ENCODED.toString());
  }

  @Test
  void eachActivityBecomesAStepWithItsScheduledStartedClosedTimesAndOutcome() {
    List<HistoryEvent> events =
        List.of(
            event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0).build(),
            scheduled(5, "RenderChart", "5", 1),
            event(6, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 2)
                .setActivityTaskStartedEventAttributes(
                    ActivityTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(5)
                        .setAttempt(1))
                .build(),
            event(7, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 4)
                .setActivityTaskCompletedEventAttributes(
                    ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(5))
                .build(),
            scheduled(11, "TrackResources", "11", 5),
            event(12, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 6)
                .setActivityTaskStartedEventAttributes(
                    ActivityTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(11)
                        .setAttempt(3))
                .build(),
            event(13, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, 9)
                .setActivityTaskFailedEventAttributes(
                    ActivityTaskFailedEventAttributes.newBuilder()
                        .setScheduledEventId(11)
                        .setFailure(ENCODED))
                .build(),
            event(20, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, 12).build());

    Timeline timeline =
        TimelineBuilder.build(
            "converge/default/shop/shop", "run-1", events, TimelineBuilderTest::decoded);

    assertEquals("FAILED", timeline.status());
    assertEquals(at(0), timeline.startTime());
    assertEquals(at(12), timeline.closeTime());
    assertEquals(
        new Timeline.Step("RenderChart", "5", at(1), at(2), at(4), "COMPLETED", 1, null),
        timeline.steps().get(0));
    assertEquals(
        new Timeline.Step(
            "TrackResources",
            "11",
            at(5),
            at(6),
            at(9),
            "FAILED",
            3,
            "broken-app: CrashLoopBackOff"),
        timeline.steps().get(1));
  }

  @Test
  void anActivityStillOpenIsRunningAndTheRunHasNoCloseTime() {
    Timeline timeline =
        TimelineBuilder.build(
            "w",
            "r",
            List.of(
                event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0).build(),
                scheduled(5, "ApplyResources", "5", 1)),
            Failure::getMessage);

    assertEquals("RUNNING", timeline.status());
    assertNull(timeline.closeTime());
    assertEquals("RUNNING", timeline.steps().get(0).outcome());
    assertNull(timeline.steps().get(0).started());
  }

  @Test
  void aLocalActivityIsAStepFromItsMarkerWithTypeFirstScheduledTimeAndAttemptButNeverItsPayloads() {
    Timeline timeline =
        TimelineBuilder.build(
            "w",
            "r",
            List.of(
                event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0).build(),
                event(3, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 1).build(),
                marker(
                    5,
                    2,
                    Map.of(
                        "type",
                        plain("\"SavePendingRevision\""),
                        "activityId",
                        plain("\"a-1\""),
                        "meta",
                        plain("{\"firstSkd\":" + (T0 + 1) * 1000 + ",\"atpt\":2,\"backoff\":null}"),
                        "result",
                        Payloads.newBuilder()
                            .addPayloads(
                                Payload.newBuilder()
                                    .putMetadata(
                                        "encoding", ByteString.copyFromUtf8("binary/encrypted"))
                                    .setData(ByteString.copyFromUtf8("secret")))
                            .build())),
                event(7, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 4).build(),
                marker(
                    9,
                    5,
                    Map.of(
                        "type",
                        Payloads.newBuilder()
                            .addPayloads(
                                Payload.newBuilder()
                                    .putMetadata(
                                        "encoding", ByteString.copyFromUtf8("binary/encrypted"))
                                    .setData(ByteString.copyFromUtf8("x")))
                            .build()))),
            Failure::getMessage);

    assertEquals(
        new Timeline.Step("SavePendingRevision", "a-1", at(1), at(1), at(2), "COMPLETED", 2, null),
        timeline.steps().get(0));
    assertEquals(
        new Timeline.Step("local activity", null, at(4), at(4), at(5), "COMPLETED", null, null),
        timeline.steps().get(1));
  }

  private static HistoryEvent marker(long id, long second, Map<String, Payloads> details) {
    return event(id, EventType.EVENT_TYPE_MARKER_RECORDED, second)
        .setMarkerRecordedEventAttributes(
            MarkerRecordedEventAttributes.newBuilder()
                .setMarkerName("LocalActivity")
                .putAllDetails(details))
        .build();
  }

  private static Payloads plain(String json) {
    return Payloads.newBuilder()
        .addPayloads(
            Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(json)))
        .build();
  }

  private static HistoryEvent scheduled(long id, String type, String activityId, long second) {
    return event(id, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, second)
        .setActivityTaskScheduledEventAttributes(
            ActivityTaskScheduledEventAttributes.newBuilder()
                .setActivityType(ActivityType.newBuilder().setName(type))
                .setActivityId(activityId))
        .build();
  }

  private static HistoryEvent.Builder event(long id, EventType type, long second) {
    return HistoryEvent.newBuilder()
        .setEventId(id)
        .setEventType(type)
        .setEventTime(Timestamp.newBuilder().setSeconds(T0 + second));
  }

  private static Instant at(long second) {
    return Instant.ofEpochSecond(T0 + second);
  }
}
