package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities.Applied;
import dev.converge.workflows.activities.ClusterActivities.ApplyOp;
import dev.converge.workflows.activities.ClusterActivities.ApplyRequest;
import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import dev.converge.workflows.activities.ClusterActivities.DeleteRequest;
import dev.converge.workflows.activities.ClusterActivities.Deleted;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackReport;
import dev.converge.workflows.activities.TrackActivities.TrackRequest;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import dev.converge.workflows.model.Operation.Status;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.plan.OperationGraph;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.Plan.StagePlan;
import dev.converge.workflows.plan.Plan.Step;
import dev.converge.workflows.plan.PlannedOperation;
import dev.converge.workflows.plan.Stage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs a plan step by step: apply the step's operations in one activity, then track them in one
 * activity, then the stage's succeeded-deletions. Remembers what the failure path needs. Generic:
 * it does not care whether this is an install or an upgrade.
 */
final class Execution {
  static final int PARALLELISM = 30;
  static final int EXTERNAL_WAIT_SECONDS = 300;

  /**
   * Version 1: tracking is told the uid and generation each apply returned, so the worker may use
   * watches it already holds (docs/architecture.md#tracking-watches-it-does-not-poll).
   */
  static final String TRACK_WHAT_WAS_APPLIED = "track-what-was-applied";

  private final ActivityStubs acts;
  private final ReleaseTarget target;
  private final String bundleDigest;
  private final ProgressState progress;
  private final long deadlineMillis;

  /** Objects this run may have created, in creation order, with their uid once known. */
  private final Map<String, DeleteOp> created = new LinkedHashMap<>();

  private final List<String> completed = new ArrayList<>();
  private final List<String> failed = new ArrayList<>();
  private final List<PlannedOperation> failedTracking = new ArrayList<>();
  private final Set<String> started = new HashSet<>();

  /** Applied by a step whose tracking was left to the next step (present-dependencies). */
  private final List<PlannedOperation> untracked = new ArrayList<>();

  /** What each apply of this run returned, by operation id. */
  private final Map<String, Applied> applied = new HashMap<>();

  Execution(
      ActivityStubs acts,
      ReleaseTarget target,
      String bundleDigest,
      ProgressState progress,
      long deadlineMillis) {
    this.acts = acts;
    this.target = target;
    this.bundleDigest = bundleDigest;
    this.progress = progress;
    this.deadlineMillis = deadlineMillis;
  }

  /** What this run may have created, in creation order: the failure path deletes it. */
  Map<String, DeleteOp> created() {
    return Collections.unmodifiableMap(created);
  }

  /** Operations done, as the report lists them. */
  List<String> completed() {
    return List.copyOf(completed);
  }

  /** Operations that failed, each with its reason. */
  List<String> failed() {
    return List.copyOf(failed);
  }

  /** Operations whose tracking failed: their delete-policy "failed" objects go on failure. */
  List<PlannedOperation> failedTracking() {
    return List.copyOf(failedTracking);
  }

  /** The plan's operations that never started (the report's "canceled"); none for no plan. */
  static List<String> notStarted(Plan plan, Execution execution) {
    return plan == null
        ? List.of()
        : plan.operations().stream()
            .filter(op -> execution == null || !execution.started.contains(op.id()))
            .map(PlannedOperation::describe)
            .toList();
  }

  void run(StagePlan stage) {
    List<PlannedOperation> succeededDeletes = new ArrayList<>();
    for (Step step : stage.steps()) {
      runStep(stage.stage(), step);
      step.operations().stream()
          .filter(PlannedOperation::deleteWhenSucceeded)
          .forEach(succeededDeletes::add);
    }
    if (!succeededDeletes.isEmpty()) {
      progress.phase(phaseOf(stage.stage()), stage.stage() + " delete-policy succeeded");
      operations().start(ids(succeededDeletes, op -> OperationGraph.deleteId(stage.stage(), op)));
      List<Deleted> deleted =
          acts.cluster.delete(
              new DeleteRequest(target, deleteOps(succeededDeletes), remainingSeconds()));
      endDeletes(stage.stage(), succeededDeletes, deleted);
    }
  }

  private void runStep(Stage stage, Step step) {
    step.operations().forEach(op -> started.add(op.id()));
    if (stage == Stage.PRUNE) {
      progress.phase(Phase.PRUNE, step.name());
      operations().start(ids(step.operations(), op -> OperationGraph.deleteId(stage, op)));
      List<Deleted> deleted =
          acts.cluster.delete(
              new DeleteRequest(target, deleteOps(step.operations()), remainingSeconds()));
      endDeletes(stage, step.operations(), deleted);
      step.operations().forEach(op -> completed.add(op.describe()));
      return;
    }
    List<PlannedOperation> writes =
        step.operations().stream().filter(op -> op.type() != OperationType.NONE).toList();
    if (!writes.isEmpty()) {
      progress.phase(phaseOf(stage), step.name());
      // Registered before the call: a crash mid-apply must not leave creations unknown.
      writes.stream()
          .filter(PlannedOperation::compensate)
          .forEach(op -> created.put(op.id(), deleteOp(op)));
      List<String> applyIds = ids(writes, op -> OperationGraph.applyId(stage, op));
      operations().start(applyIds);
      List<Applied> results =
          acts.cluster.apply(
              new ApplyRequest(
                  target,
                  bundleDigest,
                  writes.stream().map(Execution::applyOp).toList(),
                  PARALLELISM,
                  EXTERNAL_WAIT_SECONDS));
      operations().end(applyIds, Status.COMPLETED);
      for (Applied a : results) {
        created.computeIfPresent(a.id(), (id, op) -> op.withUid(a.uid()));
        applied.put(a.id(), a);
      }
      writes.forEach(
          op ->
              progress.row(
                  ResourceStatus.waiting(
                      op.key().display(), op.type().name().toLowerCase() + "d")));
    }
    if (step.trackWithNext()) {
      untracked.addAll(step.operations());
      return;
    }
    List<PlannedOperation> settled = new ArrayList<>(untracked);
    settled.addAll(step.operations());
    untracked.clear();
    List<PlannedOperation> tracked = settled.stream().filter(PlannedOperation::track).toList();
    if (!tracked.isEmpty()) {
      progress.phase(
          stage == Stage.MAIN || stage == Stage.INIT ? Phase.TRACK : phaseOf(stage), step.name());
      operations().start(ids(tracked, op -> OperationGraph.trackId(stage, op)));
      TrackReport report = acts.track(remainingSeconds()).track(trackRequest(tracked));
      judge(stage, step, tracked, report);
    }
    settled.stream()
        .filter(op -> op.type() != OperationType.NONE || op.track())
        .filter(op -> failed.stream().noneMatch(f -> f.startsWith(op.describe() + ": ")))
        .forEach(op -> completed.add(op.describe()));
  }

  private TrackRequest trackRequest(List<PlannedOperation> tracked) {
    if (Workflow.getVersion(TRACK_WHAT_WAS_APPLIED, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return new TrackRequest(
          target,
          tracked.stream()
              .map(op -> new TrackItem(op.key(), op.tracking(), op.replicas()))
              .toList(),
          remainingSeconds());
    }
    List<TrackItem> items = new ArrayList<>();
    for (PlannedOperation op : tracked) {
      Applied a = applied.get(op.key().id());
      items.add(
          new TrackItem(
              op.key(),
              op.tracking(),
              op.replicas(),
              a == null ? null : a.uid(),
              a == null ? null : a.generation()));
    }
    return new TrackRequest(target, items, remainingSeconds(), true);
  }

  /** Applies the fail modes to what tracking saw; throws when the converge must stop. */
  private void judge(Stage stage, Step step, List<PlannedOperation> tracked, TrackReport report) {
    report.statuses().forEach(progress::row);
    progress.logs(report.logTail());
    Map<String, ResourceStatus> byResource = new HashMap<>();
    report.statuses().forEach(s -> byResource.put(s.resource(), s));
    List<String> fatal = new ArrayList<>();
    for (PlannedOperation op : tracked) {
      ResourceStatus status = byResource.get(op.key().display());
      boolean nonBlocking = op.tracking().nonBlocking();
      String trackId = OperationGraph.trackId(stage, op);
      if (status == null || status.state() == ResourceStatus.State.READY || nonBlocking) {
        operations().end(trackId, Status.COMPLETED);
      } else {
        operations().end(trackId, Status.FAILED);
      }
      if (status == null || status.state() == ResourceStatus.State.READY) {
        continue;
      }
      if (status.state() == ResourceStatus.State.FAILED) {
        failed.add(op.describe() + ": " + status.lastError());
        failedTracking.add(op);
        if (op.tracking().failMode() != FailMode.IGNORE_AND_CONTINUE_DEPLOY_PROCESS) {
          fatal.add(op.key().display() + ": " + status.lastError());
        }
      } else if (!nonBlocking) {
        fatal.add(op.key().display() + ": not ready (" + status.info() + ")");
      }
    }
    if (!fatal.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          step.name() + ": " + String.join("; ", fatal), "TrackingFailed");
    }
  }

  private OperationLog operations() {
    return progress.operations();
  }

  private static List<String> ids(
      List<PlannedOperation> ops, Function<PlannedOperation, String> id) {
    return ops.stream().map(id).toList();
  }

  /** A delete that is stuck or refused failed; deleted, absent, kept or foreign: done. */
  private void endDeletes(Stage stage, List<PlannedOperation> ops, List<Deleted> deleted) {
    for (int i = 0; i < ops.size(); i++) {
      String outcome =
          deleted != null && i < deleted.size() ? String.valueOf(deleted.get(i).outcome()) : "";
      operations()
          .end(
              OperationGraph.deleteId(stage, ops.get(i)),
              outcome.startsWith("stuck:") || outcome.startsWith("failed:")
                  ? Status.FAILED
                  : Status.COMPLETED);
    }
  }

  private static ApplyOp applyOp(PlannedOperation op) {
    return new ApplyOp(
        op.key(),
        op.type(),
        op.replicasOnCreation(),
        op.deletePropagation(),
        op.externalDependencies(),
        op.releaseOwned(),
        op.liveUid());
  }

  private static List<DeleteOp> deleteOps(List<PlannedOperation> ops) {
    return ops.stream().map(Execution::deleteOp).toList();
  }

  static DeleteOp deleteOp(PlannedOperation op) {
    return new DeleteOp(op.key(), null, op.deletePropagation(), op.deleteAfter());
  }

  static Phase phaseOf(Stage stage) {
    return switch (stage) {
      case PRUNE -> Phase.PRUNE;
      case PRE_HOOKS -> Phase.PRE_HOOKS;
      case POST_HOOKS -> Phase.POST_HOOKS;
      default -> Phase.APPLY;
    };
  }

  int remainingSeconds() {
    long left = (deadlineMillis - Workflow.currentTimeMillis()) / 1000;
    return (int) Math.max(1, left);
  }
}
