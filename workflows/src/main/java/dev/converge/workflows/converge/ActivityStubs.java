package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities;
import dev.converge.workflows.activities.ReleaseActivities;
import dev.converge.workflows.activities.RenderActivities;
import dev.converge.workflows.activities.TrackActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Activity stubs with their timeouts. Forward steps retry a few times and give up on the user's
 * own mistakes at once; compensation retries until it is done, because nothing may be lost.
 */
final class ActivityStubs {
  /** A dead worker's apply or track is noticed this fast, and retried on a live one. */
  static final Duration HEARTBEAT = Duration.ofSeconds(20);

  final RenderActivities render = Workflow.newActivityStub(RenderActivities.class, options(Duration.ofMinutes(5), HEARTBEAT, 3));
  final ReleaseActivities release = Workflow.newActivityStub(ReleaseActivities.class, options(Duration.ofMinutes(1), null, 10));
  final ClusterActivities cluster = Workflow.newActivityStub(ClusterActivities.class, options(Duration.ofMinutes(15), HEARTBEAT, 5));
  final ReleaseActivities releaseUntilDone = Workflow.newActivityStub(ReleaseActivities.class, options(Duration.ofMinutes(1), null, 0));
  final ClusterActivities clusterUntilDone = Workflow.newActivityStub(ClusterActivities.class, options(Duration.ofMinutes(15), HEARTBEAT, 0));

  TrackActivities track(int timeoutSeconds) {
    // The activity enforces the deadline itself; the margin only catches a wedged worker.
    return Workflow.newActivityStub(
        TrackActivities.class, options(Duration.ofSeconds(timeoutSeconds + 60L), HEARTBEAT, 10));
  }

  private static ActivityOptions options(Duration startToClose, Duration heartbeat, int attempts) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(heartbeat)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofSeconds(30))
            .setMaximumAttempts(attempts)
            .setDoNotRetry(
                "dev.converge.workflows.model.InvalidRequestException",
                "RenderFailed", "ApplyRejected", "ReleaseTooLarge", "ReleaseConflict")
            .build())
        .build();
  }
}
