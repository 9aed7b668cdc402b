package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus.State;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackFailureCountingTest {
  private static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", "shop", "web");
  private static final ResourceKey MIGRATE = new ResourceKey("batch/v1", "Job", "shop", "migrate");
  private final Instant t0 = Instant.parse("2026-10-04T08:30:00Z");
  private final GenericKubernetesResource progressing =
      Fixtures.generic("deployment-progressing.yaml");

  static TrackSpec spec(FailMode mode, Integer perReplica, int noActivitySeconds) {
    return new TrackSpec(
        false,
        mode,
        perReplica,
        noActivitySeconds,
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

  private static Pod crashLoop(int restarts) {
    Pod pod = Fixtures.load("pod-crashloop.yaml", Pod.class);
    pod.getStatus().getContainerStatuses().get(0).setRestartCount(restarts);
    return pod;
  }

  private ItemTracker tracker(ResourceKey key, TrackSpec spec, FailureCounter counter) {
    return new ItemTracker(new TrackItem(key, spec, null), counter, null, null, t0);
  }

  @Test
  void crashLoopInTwoReplicaDeploymentFailsOnlyAfterMoreThanTwoObservations() {
    ItemTracker web = tracker(WEB, TrackSpec.defaults(), new FailureCounter(List.of()));
    web.observe(progressing, List.of(crashLoop(1)), List.of(), t0);
    web.observe(progressing, List.of(crashLoop(2)), List.of(), t0);
    assertEquals(State.WAITING, web.status().state());
    assertEquals(2, web.status().errors());
    web.observe(progressing, List.of(crashLoop(3)), List.of(), t0);
    assertEquals(State.FAILED, web.status().state());
    assertEquals(3, web.status().errors());
    assertTrue(web.status().lastError().contains("CrashLoopBackOff"), web.status().lastError());
    assertTrue(web.stopsEverything());
  }

  @Test
  void repeatedIdenticalObservationsAreCountedOnce() {
    ItemTracker web = tracker(WEB, TrackSpec.defaults(), new FailureCounter(List.of()));
    for (int i = 0; i < 5; i++) {
      web.observe(progressing, List.of(crashLoop(1)), List.of(), t0);
    }
    assertEquals(1, web.status().errors());
    assertEquals(State.WAITING, web.status().state());
  }

  @Test
  void podsBeingDeletedAreNotCounted() {
    ItemTracker web = tracker(WEB, TrackSpec.defaults(), new FailureCounter(List.of()));
    Pod leaving = crashLoop(1);
    leaving.getMetadata().setDeletionTimestamp("2026-10-04T08:31:00Z");
    web.observe(progressing, List.of(leaving), List.of(), t0);
    assertEquals(0, web.status().errors());
  }

  @Test
  void failuresRestoredFromAHeartbeatAreNeitherResetNorCountedAgain() {
    FailureCounter before = new FailureCounter(List.of());
    tracker(WEB, TrackSpec.defaults(), before)
        .observe(progressing, List.of(crashLoop(1), crashLoop(2)), List.of(), t0);
    ItemTracker resumed = tracker(WEB, TrackSpec.defaults(), new FailureCounter(before.keys()));
    resumed.observe(progressing, List.of(crashLoop(2)), List.of(), t0);
    assertEquals(2, resumed.status().errors());
    resumed.observe(progressing, List.of(crashLoop(3)), List.of(), t0);
    assertEquals(State.FAILED, resumed.status().state());
  }

  @Test
  void allowedFailuresPerReplicaFromTheAnnotationReplaceTheDefault() {
    ItemTracker web =
        tracker(
            WEB,
            spec(FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY, 0, 240),
            new FailureCounter(List.of()));
    web.observe(progressing, List.of(crashLoop(1)), List.of(), t0);
    assertEquals(State.FAILED, web.status().state());
  }

  @Test
  void jobFailedConditionFailsAtOnceWithTheConditionsReason() {
    ItemTracker job = tracker(MIGRATE, TrackSpec.defaults(), new FailureCounter(List.of()));
    job.observe(Fixtures.generic("job-failed.yaml"), List.of(), List.of(), t0);
    assertEquals(State.FAILED, job.status().state());
    assertEquals(
        "BackoffLimitExceeded: Job has reached the specified backoff limit",
        job.status().lastError());
  }

  @Test
  void unchangedStatusFailsAfterTheNoActivityTimeout() {
    ItemTracker web =
        tracker(
            WEB,
            spec(FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY, null, 60),
            new FailureCounter(List.of()));
    web.observe(progressing, List.of(), List.of(), t0);
    web.observe(progressing, List.of(), List.of(), t0.plusSeconds(59));
    assertEquals(State.WAITING, web.status().state());
    web.observe(progressing, List.of(), List.of(), t0.plusSeconds(61));
    assertEquals(State.FAILED, web.status().state());
    assertTrue(
        web.status().lastError().startsWith("no activity for 60s: 1/2 updated"),
        web.status().lastError());
  }

  @Test
  void ignoredFailureIsRecordedButDoesNotStopTracking() {
    ItemTracker web =
        tracker(
            WEB,
            spec(FailMode.IGNORE_AND_CONTINUE_DEPLOY_PROCESS, 0, 240),
            new FailureCounter(List.of()));
    web.observe(progressing, List.of(crashLoop(1)), List.of(), t0);
    assertEquals(State.FAILED, web.status().state());
    assertTrue(web.finished());
    assertFalse(web.stopsEverything());
  }

  @Test
  void hopingItemKeepsTrackingAndFailsOnlyOnANewFailureAfterTheRestIsDone() {
    ItemTracker web =
        tracker(
            WEB,
            spec(FailMode.HOPE_UNTIL_END_OF_DEPLOY_PROCESS, 0, 240),
            new FailureCounter(List.of()));
    web.observe(progressing, List.of(crashLoop(1)), List.of(), t0);
    assertTrue(web.hoping());
    web.endHope();
    web.observe(progressing, List.of(crashLoop(1)), List.of(), t0);
    assertEquals(State.WAITING, web.status().state());
    web.observe(progressing, List.of(crashLoop(2)), List.of(), t0);
    assertEquals(State.FAILED, web.status().state());
    assertTrue(web.finished());
  }

  @Test
  void hopingItemCanStillBecomeReady() {
    ItemTracker web =
        tracker(
            WEB,
            spec(FailMode.HOPE_UNTIL_END_OF_DEPLOY_PROCESS, 0, 240),
            new FailureCounter(List.of()));
    web.observe(progressing, List.of(crashLoop(1)), List.of(), t0);
    web.observe(Fixtures.generic("deployment-ready.yaml"), List.of(), List.of(), t0);
    assertEquals(State.READY, web.status().state());
  }

  @Test
  void timeOutNamesTheResourceAndWhatItWaitedFor() {
    ItemTracker web = tracker(WEB, TrackSpec.defaults(), new FailureCounter(List.of()));
    web.observe(progressing, List.of(), List.of(), t0);
    web.timeOut(300);
    assertEquals(
        "timed out after 300s waiting for Deployment/shop/web: 1/2 updated, 2 available",
        web.status().lastError());
  }

  @Test
  void timeOutKeepsTheLastErrorSeenWhileWaiting() {
    ItemTracker web =
        tracker(
            WEB,
            spec(FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY, 5, 240),
            new FailureCounter(List.of()));
    web.observe(progressing, List.of(crashLoop(1)), List.of(), t0);
    assertEquals(State.WAITING, web.status().state());
    web.timeOut(300);
    String error = web.status().lastError();
    assertTrue(
        error.startsWith(
            "timed out after 300s waiting for Deployment/shop/web: 1/2 updated, 2 available;"
                + " last error: pod "),
        error);
    assertTrue(error.contains("CrashLoopBackOff"), error);
  }

  @Test
  void aJobDeletedOnceCompleteIsReady() {
    ItemTracker job = tracker(MIGRATE, TrackSpec.defaults(), new FailureCounter(List.of()));
    job.observe(Fixtures.generic("job-running.yaml"), List.of(), List.of(), t0);
    job.observeDeleted(Fixtures.generic("job-complete.yaml"), t0.plusSeconds(1));
    assertEquals(State.READY, job.status().state());
  }

  @Test
  void anObjectDeletedBeforeItIsReadyFailsAtOnce() {
    ItemTracker web = tracker(WEB, TrackSpec.defaults(), new FailureCounter(List.of()));
    web.observe(progressing, List.of(), List.of(), t0);
    web.observeDeleted(progressing, t0.plusSeconds(1));
    assertEquals(State.FAILED, web.status().state());
    assertTrue(web.finished());
    assertTrue(
        web.status().lastError().startsWith("deleted before it became ready, last seen: 1/2"),
        web.status().lastError());
  }
}
