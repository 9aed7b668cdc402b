package dev.converge.api.converge;

import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveProgressTest {
  private final DataConverter converter = DefaultDataConverter.newDefaultInstance();

  @Test
  void heartbeatRowsOverlayTheQueriedRowsWhileAStepTracks() {
    Progress queried =
        new Progress(
            Phase.TRACK,
            "MAIN weight 0",
            3,
            List.of(
                ResourceStatus.waiting("ConfigMap/ns/a", "created"),
                ResourceStatus.waiting("Deployment/ns/web", "created")),
            List.of("old"));
    ResourceStatus live =
        new ResourceStatus(
            "Deployment/ns/web", State.WAITING, "Ready 1/2", 1, "CrashLoopBackOff", List.of());

    Progress merged =
        LiveProgress.merge(
            queried,
            describe(tracking(Map.of("table", List.of(live), "seenFailures", List.of()))),
            converter);

    assertEquals(Phase.TRACK, merged.phase());
    assertEquals(3, merged.revision());
    assertEquals(
        List.of("ConfigMap/ns/a", "Deployment/ns/web"),
        merged.resources().stream().map(ResourceStatus::resource).toList());
    assertEquals("Ready 1/2", merged.resources().get(1).info());
    assertEquals("CrashLoopBackOff", merged.resources().get(1).lastError());
    assertEquals(List.of("old"), merged.lastLogLines());
  }

  /** The workflow hears of log lines when tracking ends; the heartbeat has them meanwhile. */
  @Test
  void theHeartbeatsLogLinesAreShownWhileTrackingGoesOn() {
    Progress queried = new Progress(Phase.TRACK, "MAIN weight 0", 3, List.of(), List.of("old"));
    ResourceStatus live =
        new ResourceStatus("Deployment/ns/web", State.WAITING, "Ready 0/2", 0, null, List.of());

    Progress merged =
        LiveProgress.merge(
            queried,
            describe(
                tracking(
                    Map.of(
                        "table", List.of(live), "logs", List.of("old", "web-1/app: listening")))),
            converter);

    assertEquals(List.of("old", "web-1/app: listening"), merged.lastLogLines());
  }

  @Test
  void withoutATrackingHeartbeatTheQueryIsShownAsItIs() {
    Progress queried = new Progress(Phase.APPLY, "MAIN weight 0", 1, List.of(), List.of());

    assertSame(
        queried,
        LiveProgress.merge(
            queried,
            describe(
                PendingActivityInfo.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName("ApplyResources"))
                    .build()),
            converter));
  }

  @Test
  void anUnreadableHeartbeatIsSkipped() {
    Progress queried = new Progress(Phase.TRACK, "s", 1, List.of(), List.of());

    assertSame(
        queried,
        LiveProgress.merge(
            queried,
            describe(
                PendingActivityInfo.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName("TrackResources"))
                    .setHeartbeatDetails(converter.toPayloads("not a checkpoint").orElseThrow())
                    .build()),
            converter));
  }

  private static DescribeWorkflowExecutionResponse describe(PendingActivityInfo activity) {
    return DescribeWorkflowExecutionResponse.newBuilder().addPendingActivities(activity).build();
  }

  /** The pending TrackResources activity with these heartbeat details. */
  private PendingActivityInfo tracking(Map<String, Object> details) {
    return PendingActivityInfo.newBuilder()
        .setActivityType(ActivityType.newBuilder().setName("TrackResources"))
        .setHeartbeatDetails(converter.toPayloads(details).orElseThrow())
        .build();
  }
}
