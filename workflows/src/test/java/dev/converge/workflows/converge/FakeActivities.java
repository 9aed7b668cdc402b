package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities;
import dev.converge.workflows.activities.ReleaseActivities;
import dev.converge.workflows.activities.RenderActivities;
import dev.converge.workflows.activities.RenderActivities.RenderRequest;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.activities.TrackActivities;
import dev.converge.workflows.bundle.BundleActivities;
import dev.converge.workflows.bundle.BundleCopied;
import dev.converge.workflows.bundle.BundleCopyRequest;
import dev.converge.workflows.bundle.BundlePublishRequest;
import dev.converge.workflows.bundle.BundlePublished;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.drift.DriftActivities;
import dev.converge.workflows.drift.DriftScheduleActivities;
import dev.converge.workflows.drift.ObjectDrift;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Recording fakes of the four activity groups. Tests configure failures and then check exactly
 * which calls (and which compensations) happened.
 */
final class FakeActivities
    implements RenderActivities,
        ReleaseActivities,
        ClusterActivities,
        TrackActivities,
        BundleActivities,
        DriftActivities,
        DriftScheduleActivities {
  /** The generation every apply answers with. */
  static final long APPLIED_GENERATION = 7;

  final List<String> calls = new CopyOnWriteArrayList<>();

  /** Every render request of the history-first code path, to check revision and upgrade. */
  final List<RenderRequest> renders = new CopyOnWriteArrayList<>();

  final List<String> deleted = new CopyOnWriteArrayList<>();
  final List<String> applied = new CopyOnWriteArrayList<>();

  /** Every apply and delete operation as the workflow sent it, to check what travels with them. */
  final List<ApplyOp> applyOps = new CopyOnWriteArrayList<>();

  final List<DeleteOp> deleteOps = new CopyOnWriteArrayList<>();

  /** Every tracking request, to check what the workflow tells tracking about its applies. */
  final List<TrackRequest> trackRequests = new CopyOnWriteArrayList<>();

  final Map<String, LiveState> live = new ConcurrentHashMap<>();
  final Map<String, String> failTracking = new ConcurrentHashMap<>();
  volatile RenderedChart chart = TestChart.chart();

  /** What LoadRevision returns: the stored revision a dismiss removes or a rollback redeploys. */
  volatile RenderedChart storedRevision = TestChart.chart();

  /** SavePendingRevision adds the revision to the history the next ReadReleaseHistory returns. */
  volatile boolean recordRevisions;

  volatile ReleaseHistory history = new ReleaseHistory(List.of(), List.of());
  volatile String failRender;

  /** Renders that fail retryably before one succeeds, as a worker crash would. */
  volatile int renderFailuresLeft;

  /** What the oci:// tag resolves to now: a test moves it to prove the run keeps its digest. */
  volatile String tagDigest = "sha256:" + "1".repeat(64);

  volatile ResourceKey failApplyOf;
  volatile ResourceKey hangTrackingOf;

  /** Apply of this key hangs, heartbeating, until canceled; then it finishes its write and ends. */
  volatile ResourceKey hangApplyOf;

  volatile String deleteOutcome = "deleted";

  /** What CheckDrift finds; each check's request is kept. */
  volatile List<ObjectDrift> drift = List.of();

  final List<DriftCheck> driftChecks = new CopyOnWriteArrayList<>();
  final Set<String> uidsSeen = ConcurrentHashMap.newKeySet();

  @Override
  public RenderedChart renderRelease(RenderRequest render) {
    renders.add(render);
    if (renderFailuresLeft > 0) {
      renderFailuresLeft--;
      tagDigest = "sha256:" + "2".repeat(64); // the tag moves meanwhile
      throw ApplicationFailure.newFailure("worker lost", "Crash");
    }
    return render(render.request());
  }

  @Override
  public PinnedChart resolveChart(String chart) {
    calls.add("resolve " + chart);
    return new PinnedChart(chart + "@" + tagDigest, tagDigest);
  }

  @Override
  public BundlePublished publish(BundlePublishRequest request) {
    calls.add("publish " + request.tag());
    return new BundlePublished(
        request.repository(), request.tag(), tagDigest, 1, "shop", request.tag(), false, null);
  }

  @Override
  public BundleCopied copy(BundleCopyRequest request) {
    calls.add("copy " + request.from() + " -> " + request.to());
    return new BundleCopied(request.from(), request.to(), tagDigest, false);
  }

  @Override
  public RenderedChart render(ConvergeRequest request) {
    calls.add("render");
    if (failRender != null) {
      throw ApplicationFailure.newNonRetryableFailure(failRender, "RenderFailed");
    }
    return chart;
  }

  @Override
  public ReleaseHistory history(ReleaseTarget target) {
    calls.add("history");
    return history;
  }

  @Override
  public void savePending(PendingRevision pending) {
    calls.add("savePending " + pending.revision() + " " + pending.deployType());
    if (recordRevisions) {
      List<RevisionInfo> revisions = new ArrayList<>(history.revisions());
      revisions.add(
          new RevisionInfo(
              pending.revision(), "pending-upgrade", "sha256:m" + pending.revision(), "sha256:v"));
      history = new ReleaseHistory(revisions, chart.resources());
    }
  }

  @Override
  public void markDeployed(ReleaseTarget target, int revision, String description) {
    calls.add("markDeployed " + revision);
  }

  @Override
  public void markFailed(ReleaseTarget target, int revision, String description) {
    calls.add("markFailed " + revision + ": " + description);
  }

  @Override
  public RenderedChart loadRevision(ReleaseTarget target, int revision) {
    calls.add("loadRevision " + revision);
    return storedRevision;
  }

  @Override
  public void markUninstalling(ReleaseTarget target, int revision) {
    calls.add("markUninstalling " + revision);
  }

  @Override
  public int deleteHistory(ReleaseTarget target) {
    calls.add("deleteHistory");
    return history.revisions().size();
  }

  @Override
  public List<ObjectDiff> diff(InspectRequest request) {
    calls.add("diff " + request.resources().size());
    return request.resources().stream()
        .map(
            k -> {
              LiveState state = live.getOrDefault(k.id(), LiveState.absent(k.id()));
              return new ObjectDiff(
                  k.id(),
                  state.exists() ? (state.differs() ? "update" : "unchanged") : "create",
                  state.exists() ? "- old: 1\n+ old: 2\n" : "+ kind: " + k.kind() + "\n");
            })
        .toList();
  }

  @Override
  public boolean deleteNamespace(ReleaseTarget target) {
    calls.add("deleteNamespace " + target.namespace());
    return true;
  }

  @Override
  public boolean ensureNamespace(ReleaseTarget target) {
    calls.add("ensureNamespace " + target.namespace());
    return false;
  }

  @Override
  public List<LiveState> inspect(InspectRequest request) {
    calls.add("inspect " + request.resources().size());
    return request.resources().stream()
        .map(k -> live.getOrDefault(k.id(), LiveState.absent(k.id())))
        .toList();
  }

  @Override
  public boolean deleteSchedule(ReleaseTarget target) {
    calls.add("deleteDriftSchedule");
    return true;
  }

  @Override
  public List<ObjectDrift> check(DriftCheck request) {
    calls.add("check drift " + request.objects().stream().map(o -> o.key().display()).toList());
    driftChecks.add(request);
    return drift;
  }

  @Override
  public List<Applied> apply(ApplyRequest request) {
    calls.add(
        "apply "
            + request.operations().stream()
                .map(op -> op.type() + " " + op.key().display())
                .toList());
    List<Applied> out = new ArrayList<>();
    for (ApplyOp op : request.operations()) {
      if (op.key().equals(failApplyOf)) {
        throw ApplicationFailure.newNonRetryableFailure(
            op.key().display() + ": admission webhook denied it", "ApplyRejected");
      }
      if (op.key().equals(hangApplyOf)) {
        try {
          for (int i = 0; i < 600; i++) {
            Activity.getExecutionContext().heartbeat(i);
            sleep(50);
          }
        } catch (ActivityCompletionException canceled) {
          applied.add(op.key().display()); // the write that was in flight when the cancel came
          calls.add("apply stopped after writing " + op.key().display());
          throw canceled;
        }
      }
      applied.add(op.key().display());
      applyOps.add(op);
      String uid = "uid-" + op.key().name() + "-" + op.key().kind();
      out.add(
          new Applied(
              op.key().id(),
              op.type(),
              uid,
              op.type() == OperationType.CREATE,
              APPLIED_GENERATION));
    }
    return out;
  }

  @Override
  public List<Deleted> delete(DeleteRequest request) {
    List<Deleted> out = new ArrayList<>();
    for (DeleteOp op : request.operations()) {
      deleted.add(
          op.key().display() + (op.expectedUid() == null ? "" : " uid=" + op.expectedUid()));
      deleteOps.add(op);
      out.add(new Deleted(op.key().id(), deleteOutcome));
    }
    calls.add("delete " + request.operations().stream().map(op -> op.key().display()).toList());
    return out;
  }

  @Override
  public TrackReport track(TrackRequest request) {
    trackRequests.add(request);
    calls.add("track " + request.items().stream().map(i -> i.key().display()).toList());
    if (request.items().stream().anyMatch(i -> i.key().equals(hangTrackingOf))) {
      for (int i = 0; i < 600; i++) {
        Activity.getExecutionContext().heartbeat(i);
        sleep(50);
      }
    }
    List<ResourceStatus> statuses = new ArrayList<>();
    for (TrackItem item : request.items()) {
      String error = failTracking.get(item.key().display());
      statuses.add(
          error == null
              ? new ResourceStatus(
                  item.key().display(), ResourceStatus.State.READY, "Ready", 0, null, List.of())
              : new ResourceStatus(
                  item.key().display(),
                  ResourceStatus.State.FAILED,
                  "CrashLoopBackOff",
                  3,
                  error,
                  List.of("boom")));
    }
    return new TrackReport(
        statuses, List.of("log line from " + request.items().get(0).key().name()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
