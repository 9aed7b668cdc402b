package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities;
import dev.converge.workflows.activities.ReleaseActivities;
import dev.converge.workflows.activities.RenderActivities;
import dev.converge.workflows.activities.TrackActivities;
import dev.converge.workflows.bundle.BundleActivities;
import dev.converge.workflows.drift.DriftActivities;
import dev.converge.workflows.drift.DriftScheduleActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Activity stubs with their timeouts. Forward steps retry a few times and give up on the user's own
 * mistakes at once; compensation retries until it is done, because nothing may be lost.
 */
final class ActivityStubs {
  /** A dead worker's apply or track is noticed this fast, and retried on a live one. */
  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(15);
  static final int COMPENSATION_ATTEMPTS = 40;

  /** Registry reads: a tag resolves in well under a second. */
  final BundleActivities bundle =
      Workflow.newActivityStub(BundleActivities.class, options(Duration.ofMinutes(2), null, 5));

  final RenderActivities render =
      Workflow.newActivityStub(
          RenderActivities.class, options(Duration.ofMinutes(5), HEARTBEAT, 3));

  /**
   * Release reads and writes take well under a second; a worker killed inside one is retried in 15
   * s.
   */
  final ReleaseActivities release;

  final ClusterActivities cluster;

  /** A drift check reads each object twice (GET, dry run); large releases take a while. */
  final DriftScheduleActivities schedules =
      Workflow.newActivityStub(
          DriftScheduleActivities.class, options(Duration.ofSeconds(30), null, 10));

  final DriftActivities drift =
      Workflow.newActivityStub(
          DriftActivities.class, options(Duration.ofMinutes(10), HEARTBEAT, 5));

  /** The release namespace check; the cluster stub unless {@link #withLocalReleaseSteps()}. */
  private final ClusterActivities namespaces;

  /**
   * Compensation: retried long enough for a cluster that is briefly away (about 15 minutes), but
   * bounded, so a release is never locked forever; permanent refusals come back as outcomes.
   */
  final ReleaseActivities releaseUntilDone =
      Workflow.newActivityStub(
          ReleaseActivities.class, options(RELEASE_TIMEOUT, null, COMPENSATION_ATTEMPTS));

  final ClusterActivities clusterUntilDone =
      Workflow.newActivityStub(
          ClusterActivities.class,
          options(Duration.ofMinutes(15), HEARTBEAT, COMPENSATION_ATTEMPTS));

  ActivityStubs() {
    this(
        Workflow.newActivityStub(
            ClusterActivities.class, options(Duration.ofMinutes(15), HEARTBEAT, 5)),
        Workflow.newActivityStub(ReleaseActivities.class, options(RELEASE_TIMEOUT, null, 10)),
        null);
  }

  private ActivityStubs(
      ClusterActivities cluster, ReleaseActivities release, ClusterActivities namespaces) {
    this.cluster = cluster;
    this.release = release;
    this.namespaces = namespaces;
  }

  /**
   * These stubs, but a cancel (or timeout) waits until a running apply has stopped and its
   * in-flight writes have finished, so the compensation that follows sees every object the apply
   * created.
   */
  ActivityStubs waitingForCancellationOfWrites() {
    return new ActivityStubs(
        Workflow.newActivityStub(
            ClusterActivities.class,
            ActivityOptions.newBuilder(options(Duration.ofMinutes(15), HEARTBEAT, 5))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .build()),
        release,
        namespaces);
  }

  /**
   * These stubs, but release reads and writes and the namespace check as local activities: each is
   * a few calls taking milliseconds, and as a scheduled activity it cost a round trip through the
   * server and a workflow task of its own (about 30 ms each, a tenth of a 100-object converge).
   * Same timeouts, retries and at-least-once execution; a crash inside one reruns it with the
   * workflow task.
   */
  ActivityStubs withLocalReleaseSteps() {
    return new ActivityStubs(
        cluster,
        Workflow.newLocalActivityStub(ReleaseActivities.class, localOptions(RELEASE_TIMEOUT, 10)),
        Workflow.newLocalActivityStub(ClusterActivities.class, localOptions(RELEASE_TIMEOUT, 10)));
  }

  ClusterActivities namespaces() {
    return namespaces != null ? namespaces : cluster;
  }

  TrackActivities track(int timeoutSeconds) {
    // The activity enforces the deadline itself; the margin only catches a wedged worker.
    return Workflow.newActivityStub(
        TrackActivities.class, options(Duration.ofSeconds(timeoutSeconds + 60L), HEARTBEAT, 10));
  }

  private static LocalActivityOptions localOptions(Duration startToClose, int attempts) {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(retries(attempts))
        .build();
  }

  private static ActivityOptions options(Duration startToClose, Duration heartbeat, int attempts) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(heartbeat)
        .setRetryOptions(retries(attempts))
        .build();
  }

  private static RetryOptions retries(int attempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setMaximumInterval(Duration.ofSeconds(30))
        .setMaximumAttempts(attempts)
        .setDoNotRetry(
            "dev.converge.workflows.model.InvalidRequestException",
            "RenderFailed",
            "RegistryRefused",
            "BundleNotFound",
            "ApplyRejected",
            "ReleaseTooLarge",
            "ReleaseConflict")
        .build();
  }
}
