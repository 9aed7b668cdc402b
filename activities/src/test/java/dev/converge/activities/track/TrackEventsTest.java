package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.track.rules.PodFailures;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events, probe windows, DaemonSet allowance and the restored hope baseline on one item. */
class TrackEventsTest {
  private static final ResourceKey API = new ResourceKey("apps/v1", "Deployment", "i5-fix", "api");
  private static final ResourceKey HPA =
      new ResourceKey("autoscaling/v2", "HorizontalPodAutoscaler", "i5-fix", "web");
  private static final ResourceKey AGENT =
      new ResourceKey("apps/v1", "DaemonSet", "shop", "log-agent");
  private final Instant now = Instant.parse("2026-11-21T12:10:00Z");
  private final GenericKubernetesResource rolling = Fixtures.generic("rollout/deployment.json");
  private final Pod unready =
      Fixtures.load("rollout/pods.json", PodList.class).getItems().stream()
          .filter(p -> p.getMetadata().getName().equals("api-5bfb4fb599-n757z"))
          .findFirst()
          .orElseThrow();
  private final Instant started =
      Instant.parse(
          unready.getStatus().getContainerStatuses().get(0).getState().getRunning().getStartedAt());

  private static TrackSpec spec(FailMode mode, Integer perReplica, boolean serviceMessages) {
    return new TrackSpec(
        false,
        mode,
        perReplica,
        240,
        Map.of(),
        null,
        Map.of(),
        false,
        Set.of(),
        Set.of(),
        serviceMessages,
        null,
        Map.of(),
        null);
  }

  private static ItemTracker tracker(ResourceKey key, TrackSpec spec) {
    return new ItemTracker(
        new TrackItem(key, spec, null), new FailureCounter(List.of()), null, null, Instant.EPOCH);
  }

  private Event probeFailure(int count, Instant at) {
    Event event =
        Fixtures.podEvent("Warning", "Unhealthy", "Readiness probe failed: HTTP 503", count);
    event.setLastTimestamp(at.toString());
    return event;
  }

  @Test
  void readinessProbeFailuresCountOnlyAfterTheIgnoreWindow() {
    ItemTracker api = tracker(API, spec(FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY, 0, false));
    api.observe(rolling, List.of(unready), List.of(probeFailure(1, started.plusSeconds(20))), now);
    assertEquals(0, api.status().errors(), "inside the 32 s window: expected while starting");
    assertEquals(State.WAITING, api.status().state());
    api.observe(rolling, List.of(unready), List.of(probeFailure(2, started.plusSeconds(40))), now);
    assertEquals(1, api.status().errors());
    assertEquals(State.FAILED, api.status().state());
    assertTrue(
        api.status().lastError().contains("Readiness probe failed"), api.status().lastError());
  }

  @Test
  void failedResourceKeepsItsRecentEventsForTheReport() {
    ItemTracker api = tracker(API, spec(FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY, 0, false));
    Event kill =
        Fixtures.podEvent(
            "Normal", "Killing", "Container app failed liveness probe, will be restarted", 1);
    api.observe(rolling, List.of(unready), List.of(kill), now);
    assertEquals(State.FAILED, api.status().state(), "a probe-triggered restart is a failure");
    assertEquals(
        List.of(
            "event Pod/api-5bfb4fb599-n757z container app: Killing: Container app failed liveness"
                + " probe, will be restarted"),
        api.recentEvents());
    assertEquals(List.of(), api.newEventLines(), "not shown without show-service-messages");
  }

  @Test
  void eventsAreShownWithShowServiceMessagesOnceEach() {
    ItemTracker api = tracker(API, spec(FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY, 5, true));
    Event probe = probeFailure(1, started.plusSeconds(1));
    api.observe(rolling, List.of(unready), List.of(probe), now);
    assertEquals(1, api.newEventLines().size());
    api.observe(rolling, List.of(unready), List.of(probe), now);
    assertEquals(List.of(), api.newEventLines(), "the same occurrence is shown once");
  }

  @Test
  void failedEventOnAKindWithoutPodsIsShownButNotCounted() {
    ItemTracker hpa = tracker(HPA, spec(FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY, 0, true));
    Event metrics = Fixtures.load("event-hpa-failed.json", Event.class);
    hpa.observe(Fixtures.generic("hpa-scaling-active.json"), List.of(), List.of(metrics), now);
    assertEquals(0, hpa.status().errors());
    assertEquals(State.READY, hpa.status().state());
    assertEquals(1, hpa.newEventLines().size());
  }

  @Test
  void daemonSetAllowsOneFailurePerScheduledNode() {
    GenericKubernetesResource agent = Fixtures.generic("daemonset-rolling.yaml");
    ItemTracker tracker = tracker(AGENT, TrackSpec.defaults());
    for (int restarts = 1; restarts <= 3; restarts++) {
      tracker.observe(agent, List.of(crashLoop(restarts)), List.of(), now);
    }
    assertEquals(State.WAITING, tracker.status().state(), "3 failures, 3 nodes: still allowed");
    tracker.observe(agent, List.of(crashLoop(4)), List.of(), now);
    assertEquals(State.FAILED, tracker.status().state());
  }

  @Test
  void restoredHopeBaselineIsNotGivenBackOnRetry() {
    FailureCounter counter = new FailureCounter(List.of());
    Pod crash = crashLoop(1);
    counter.record(API.id(), PodFailures.observe(crash).get(0));
    ResourceStatus failedRow =
        new ResourceStatus(API.display(), State.FAILED, "", 1, "CrashLoopBackOff", List.of());
    ItemTracker resumed =
        new ItemTracker(
            new TrackItem(API, spec(FailMode.HOPE_UNTIL_END_OF_DEPLOY_PROCESS, 0, false), null),
            counter,
            failedRow,
            1,
            now);
    resumed.observe(rolling, List.of(crash), List.of(), now);
    assertEquals(State.WAITING, resumed.status().state(), "baseline 1: the old failure is allowed");
    resumed.observe(rolling, List.of(crashLoop(2)), List.of(), now);
    assertEquals(State.FAILED, resumed.status().state());
    assertTrue(resumed.finished(), "after the hope ended, a new failure is final");
  }

  private static Pod crashLoop(int restarts) {
    Pod pod = Fixtures.load("pod-crashloop.yaml", Pod.class);
    pod.getStatus().getContainerStatuses().get(0).setRestartCount(restarts);
    return pod;
  }
}
