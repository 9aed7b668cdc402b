package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities.DeleteRequest;
import dev.converge.workflows.activities.ClusterActivities.Deleted;
import dev.converge.workflows.activities.ClusterActivities.InspectRequest;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.dismiss.DismissRequest;
import dev.converge.workflows.dismiss.DismissRequests;
import dev.converge.workflows.dismiss.DismissResult;
import dev.converge.workflows.dismiss.DismissWorkflow;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Inputs;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.plan.ClassifiedResource;
import dev.converge.workflows.plan.Classifier;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.Plan.StagePlan;
import dev.converge.workflows.plan.PlanBuilder;
import dev.converge.workflows.plan.PlannedOperation;
import dev.converge.workflows.plan.Readings;
import dev.converge.workflows.plan.Stage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code werf dismiss}: pre-delete hooks, delete what the release owns (not what it keeps) and wait
 * until it is gone, post-delete hooks, then the release Secrets; the namespace only on request.
 * Runs under the release's converge workflow id, so it never overlaps a converge of the release.
 */
public class DismissWorkflowImpl implements DismissWorkflow {
  /** Version 1: a release without revisions is not dismissed (its namespace is never deleted). */
  static final String NEEDS_RELEASE = "dismiss-needs-release";

  /** Version 1: a dismissed release's drift schedule goes with it. */
  static final String DRIFT_SCHEDULE = "dismiss-drift-schedule";

  private final ActivityStubs acts = new ActivityStubs();
  private final ProgressState progress = new ProgressState();
  private final List<String> deleted = new ArrayList<>();
  private final List<String> kept = new ArrayList<>();
  private final List<String> hooks = new ArrayList<>();
  private int revision;

  @Override
  public DismissResult dismiss(Object raw) {
    long startedAt = Workflow.currentTimeMillis();
    DismissRequest request =
        Inputs.validated(
            raw,
            DismissRequests::parse,
            DismissRequest::workflowId,
            "the release's converge id, so that a dismiss and a converge of the release never overlap");
    ReleaseTarget target = request.target();
    SearchAttributes.started(target);
    long deadline = startedAt + request.timeoutSeconds() * 1000L;
    boolean namespaceDeleted = false;
    try {
      ReleaseHistory history = acts.release.history(request.target());
      if (history.last() == null
          && Workflow.getVersion(NEEDS_RELEASE, Workflow.DEFAULT_VERSION, 1) == 1) {
        throw ApplicationFailure.newNonRetryableFailure(
            "release "
                + request.release()
                + " has no revisions in namespace "
                + request.namespace()
                + ": nothing was deleted",
            "ReleaseNotFound");
      }
      if (history.last() != null) {
        uninstall(target, history, deadline);
      }
      if (Workflow.getVersion(DRIFT_SCHEDULE, Workflow.DEFAULT_VERSION, 1) == 1) {
        acts.schedules.deleteSchedule(target);
      }
      if (request.deleteNamespace()) {
        progress.phase(Phase.RELEASE, "delete namespace " + request.namespace());
        namespaceDeleted = acts.cluster.deleteNamespace(request.target());
      }
    } catch (RuntimeException e) {
      String message = Failures.message(e);
      if (revision > 0) {
        Workflow.newDetachedCancellationScope(
                () ->
                    acts.releaseUntilDone.markFailed(
                        request.target(), revision, "Uninstallation failed: " + message))
            .run();
      }
      SearchAttributes.outcome(Outcome.FAILED);
      progress.phase(Phase.DONE, Outcome.FAILED.name());
      throw ApplicationFailure.newNonRetryableFailure(
          "dismiss of " + request.release() + " failed: " + message,
          "DismissFailed",
          result(request, Outcome.FAILED, message, false, startedAt));
    }
    SearchAttributes.outcome(Outcome.DISMISSED);
    progress.phase(Phase.DONE, Outcome.DISMISSED.name());
    return result(request, Outcome.DISMISSED, null, namespaceDeleted, startedAt);
  }

  private void uninstall(ReleaseTarget target, ReleaseHistory history, long deadline) {
    revision = history.last().version();
    progress.revision(revision);
    progress.phase(Phase.RELEASE, "revision " + revision + " uninstalling");
    RenderedChart stored = acts.release.loadRevision(target, revision);
    acts.release.markUninstalling(target, revision);
    // The stored release's own annotation mistakes must not block its removal.
    List<ClassifiedResource> all =
        Classifier.classify(stored.resources(), target.namespace(), Readings.LATEST).resources();
    List<ClassifiedResource> hookResources = all.stream().filter(ClassifiedResource::hook).toList();
    List<ClassifiedResource> objects = all.stream().filter(r -> !r.hook()).toList();
    Map<String, LiveState> live = new HashMap<>();
    for (LiveState state :
        acts.cluster.inspect(
            new InspectRequest(
                target,
                stored.bundleDigest(),
                all.stream().map(ClassifiedResource::key).toList()))) {
      live.put(state.id(), state);
    }
    Plan plan =
        PlanBuilder.build(
            new PlanBuilder.Input(
                target.release(),
                target.namespace(),
                DeployType.UPGRADE,
                hookResources,
                objects,
                live,
                false,
                "delete"));
    Execution execution = new Execution(acts, target, stored.bundleDigest(), progress, deadline);
    execution.run(stage(plan, Stage.PRE_HOOKS));
    deleteReleaseObjects(target, stage(plan, Stage.PRUNE), objects, execution);
    execution.run(stage(plan, Stage.POST_HOOKS));
    hooks.addAll(execution.completed());
    progress.phase(Phase.RELEASE, "delete release history");
    acts.release.deleteHistory(target);
  }

  /**
   * Deletes and waits for absence; an object that cannot be deleted fails the dismiss, naming it.
   */
  private void deleteReleaseObjects(
      ReleaseTarget target,
      StagePlan prune,
      List<ClassifiedResource> objects,
      Execution execution) {
    List<PlannedOperation> ops =
        prune.steps().stream().flatMap(s -> s.operations().stream()).toList();
    List<String> planned = ops.stream().map(PlannedOperation::id).toList();
    objects.stream()
        .filter(o -> !planned.contains(o.id()))
        .forEach(o -> kept.add(o.key().display()));
    if (ops.isEmpty()) {
      return;
    }
    progress.phase(
        Phase.PRUNE,
        "delete " + ops.size() + " objects of the release and wait until they are gone");
    List<Deleted> outcomes =
        acts.cluster.delete(
            new DeleteRequest(
                target,
                ops.stream().map(op -> Execution.deleteOp(op).withUid(op.liveUid())).toList(),
                execution.remainingSeconds()));
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      String display = ops.get(i).key().display();
      String outcome = outcomes.get(i).outcome();
      if (outcome.startsWith("failed:") || outcome.startsWith("stuck:")) {
        problems.add(display + ": " + outcome);
      } else if (outcome.equals("deleted")) {
        deleted.add(display);
      } else {
        kept.add(display + " (" + outcome + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "could not delete: " + String.join("; ", problems), "DeleteFailed");
    }
  }

  private static StagePlan stage(Plan plan, Stage stage) {
    return plan.stages().stream()
        .filter(s -> s.stage() == stage)
        .findFirst()
        .orElse(new StagePlan(stage, List.of()));
  }

  private DismissResult result(
      DismissRequest request,
      Outcome outcome,
      String error,
      boolean namespaceDeleted,
      long startedAt) {
    return new DismissResult(
        request.release(),
        request.namespace(),
        request.kubeContext(),
        revision,
        outcome,
        error,
        deleted,
        kept,
        hooks,
        namespaceDeleted,
        Workflow.currentTimeMillis() - startedAt);
  }

  @Override
  public Progress progress() {
    return progress.snapshot();
  }
}
