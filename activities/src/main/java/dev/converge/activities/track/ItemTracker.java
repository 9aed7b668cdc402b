package dev.converge.activities.track;

import dev.converge.activities.track.rules.PodFailure;
import dev.converge.activities.track.rules.PodFailures;
import dev.converge.activities.track.rules.Readiness;
import dev.converge.activities.track.rules.ReadinessRules;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Tracking state of one item, fed snapshots of its object and pods. No I/O: the loop in {@link
 * TrackRun} does the watching, this decides READY / WAITING / FAILED and counts failures.
 */
final class ItemTracker {
  private final TrackItem item;
  private final TrackSpec spec;
  private final FailureCounter counter;
  private final ItemEvents events;
  private ResourceStatus status;
  private boolean finished;
  private Integer hopeBaseline; // errors when a hoping item went back to normal (§3 fail-mode)
  private PodFailure lastFailure;
  private Readiness lastReadiness;
  private Instant lastChange;

  ItemTracker(
      TrackItem item,
      FailureCounter counter,
      ResourceStatus restored,
      Integer restoredHopeBaseline,
      Instant now) {
    this.item = item;
    this.spec = item.spec() == null ? TrackSpec.defaults() : item.spec();
    this.counter = counter;
    this.events = new ItemEvents(spec, Workloads.countsEvents(item.key()));
    this.hopeBaseline = restoredHopeBaseline;
    this.lastChange = now;
    this.status =
        restored != null ? restored : ResourceStatus.waiting(item.key().display(), "not seen yet");
    // a retry resumes: what was settled before the crash stays settled
    this.finished =
        status.state() == State.READY
            || (status.state() == State.FAILED
                && failMode() != FailMode.HOPE_UNTIL_END_OF_DEPLOY_PROCESS);
  }

  /** Takes the current object (null when absent), the pods it owns and the events about them. */
  void observe(GenericKubernetesResource object, List<Pod> pods, List<Event> seen, Instant now) {
    if (finished) {
      return;
    }
    Readiness readiness = readinessOf(object);
    lastReadiness = readiness;
    String id = item.key().id();
    for (Pod pod : pods) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue; // a pod on its way out (old replica, scale-down) says nothing about the rollout
      }
      for (PodFailure failure : PodFailures.observe(pod)) {
        if (counter.record(id, failure)) {
          lastFailure = failure;
        }
      }
    }
    for (PodFailure failure : events.observe(seen, pods)) {
      if (counter.record(id, failure)) {
        lastFailure = failure;
      }
    }
    int errors = counter.count(id);
    int allowed =
        hopeBaseline != null
            ? hopeBaseline
            : Workloads.allowedFailures(item, Workloads.replicas(object, item));
    String lastError = lastFailure != null ? lastFailure.describe() : status.lastError();
    State state = State.WAITING;
    if (readiness.verdict() == Readiness.Verdict.READY) {
      state = State.READY;
    } else if (readiness.verdict() == Readiness.Verdict.FAILED) {
      state = State.FAILED;
      lastError = readiness.reason();
    } else if (errors > allowed) {
      state = State.FAILED;
    }
    ResourceStatus next =
        new ResourceStatus(
            item.key().display(), state, readiness.info(), errors, lastError, List.of());
    if (!sameRow(next, status)) {
      lastChange = now;
    }
    status = next;
    if (state == State.READY) {
      finished = true;
    } else if (state == State.FAILED) {
      // hoping items keep being tracked until the rest of the process is over
      finished = failMode() != FailMode.HOPE_UNTIL_END_OF_DEPLOY_PROCESS || hopeBaseline != null;
    } else if (noActivityFor(now)) {
      fail(
          "no activity for "
              + spec.noActivityTimeoutSeconds()
              + "s: "
              + describeWait(readiness)
              + lastErrorSeen());
    }
  }

  /**
   * The object this run applied was deleted while tracked (a TTL controller, a user): its last
   * state decides. Ready then (a Job that completed) is ready; anything else will not become ready
   * any more.
   */
  void observeDeleted(GenericKubernetesResource lastState, Instant now) {
    if (finished) {
      return;
    }
    observe(lastState, List.of(), List.of(), now);
    if (!finished) {
      fail(
          "deleted before it became ready, last seen: "
              + describeWait(readinessOf(lastState))
              + lastErrorSeen());
    }
  }

  /**
   * A rule's verdict depends on the object alone, and the informer hands out the same instance
   * until the object changes: a pass per change of anything in the namespace would convert and
   * check every unchanged Deployment again.
   */
  private Readiness readinessOf(GenericKubernetesResource object) {
    if (object == null) {
      return Readiness.waiting("not found", "waiting for the object");
    }
    if (object != checkedObject) {
      checkedReadiness = ReadinessRules.check(object);
      checkedObject = object;
    }
    return checkedReadiness;
  }

  private GenericKubernetesResource checkedObject;
  private Readiness checkedReadiness;

  /**
   * Everything else is settled: a hoping item goes back to normal. It fails for good if its own
   * rule says so or on its next new failure; it can still become ready.
   */
  void endHope() {
    if (!hoping()) {
      return;
    }
    hopeBaseline = status.errors();
    if (lastReadiness != null && lastReadiness.verdict() == Readiness.Verdict.FAILED) {
      finished = true; // failed by its own rule (Job Failed): the object will not recover by itself
    }
  }

  /** The deadline passed. A hoping item keeps the failure it had. */
  void timeOut(int timeoutSeconds) {
    if (finished) {
      return;
    }
    if (status.state() != State.FAILED) {
      fail(
          "timed out after "
              + timeoutSeconds
              + "s waiting for "
              + item.key().display()
              + ": "
              + status.info()
              + lastErrorSeen());
    }
    finished = true;
  }

  void attachLogs(List<String> lines) {
    status =
        new ResourceStatus(
            status.resource(),
            status.state(),
            status.info(),
            status.errors(),
            status.lastError(),
            lines);
  }

  /** What went wrong while waiting (a pod's ImagePullBackOff): the reason a timeout needs. */
  private String lastErrorSeen() {
    return status.lastError() == null ? "" : "; last error: " + status.lastError();
  }

  private void fail(String error) {
    status =
        new ResourceStatus(
            status.resource(), State.FAILED, status.info(), status.errors(), error, List.of());
    finished = true;
  }

  private boolean noActivityFor(Instant now) {
    int seconds = spec.noActivityTimeoutSeconds();
    return seconds > 0 && Duration.between(lastChange, now).getSeconds() >= seconds;
  }

  private String describeWait(Readiness readiness) {
    return readiness.reason() == null
        ? readiness.info()
        : readiness.info() + " (" + readiness.reason() + ")";
  }

  private static boolean sameRow(ResourceStatus a, ResourceStatus b) {
    return a.state() == b.state()
        && Objects.equals(a.info(), b.info())
        && a.errors() == b.errors()
        && Objects.equals(a.lastError(), b.lastError());
  }

  /** Event lines not shown yet; empty unless show-service-messages. */
  List<String> newEventLines() {
    return events.drainShown();
  }

  List<String> recentEvents() {
    return events.recent();
  }

  Integer hopeBaseline() {
    return hopeBaseline;
  }

  TrackItem item() {
    return item;
  }

  ResourceStatus status() {
    return status;
  }

  boolean finished() {
    return finished;
  }

  boolean blocking() {
    return !spec.nonBlocking();
  }

  /** Failed in HOPE mode and still tracked. */
  boolean hoping() {
    return !finished && status.state() == State.FAILED;
  }

  /** Failed for good with fail-mode FailWholeDeployProcessImmediately: tracking stops. */
  boolean stopsEverything() {
    return finished
        && status.state() == State.FAILED
        && failMode() == FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY;
  }

  PodFailure lastFailure() {
    return lastFailure;
  }

  FailMode failMode() {
    return spec.failMode() == null
        ? FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY
        : spec.failMode();
  }
}
