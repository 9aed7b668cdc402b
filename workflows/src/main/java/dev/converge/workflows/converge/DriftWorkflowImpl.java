package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities.InspectRequest;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.contract.Annotations;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.drift.DriftActivities.Checked;
import dev.converge.workflows.drift.DriftActivities.DriftCheck;
import dev.converge.workflows.drift.DriftMode;
import dev.converge.workflows.drift.DriftRequest;
import dev.converge.workflows.drift.DriftRequests;
import dev.converge.workflows.drift.DriftResult;
import dev.converge.workflows.drift.DriftState;
import dev.converge.workflows.drift.DriftWorkflow;
import dev.converge.workflows.drift.ObjectDrift;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.InvalidRequestException;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.plan.ClassifiedResource;
import dev.converge.workflows.plan.Classifier;
import dev.converge.workflows.plan.Ownership;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.PlanBuilder;
import dev.converge.workflows.plan.Readings;
import dev.converge.workflows.plan.Stage;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drift (docs/semantics.md#drift): compare the release with its last deployed revision; in correct
 * mode, take the release's lock (a child run under its converge id, retried while another operation
 * holds it) and re-apply what drifted, tracked until ready. Writes no Helm revision: the deployed
 * revision is what the cluster is put back to, so {@code helm history} and rollback stay right.
 */
public class DriftWorkflowImpl implements DriftWorkflow {
  /** How often a correction asks for the release's lock while a converge or rollback holds it. */
  static final Duration LOCK_RETRY = Duration.ofSeconds(5);

  private final ActivityStubs acts = new ActivityStubs();
  private final ProgressState progress = new ProgressState();

  @Override
  public DriftResult check(Object raw) {
    long startedAt = Workflow.currentTimeMillis();
    DriftRequest request = validated(raw);
    SearchAttributes.checkStarted(request.target());
    boolean locked = Workflow.getInfo().getWorkflowId().equals(request.lockId());
    Compared compared = compare(request);
    DriftResult result = compared.result(request, List.of(), null, startedAt);
    if (request.mode() == DriftMode.CORRECT
        && !locked
        && (compared.isDrifted() || compared.busy())) {
      // Busy: a deploy holds the release; under the lock, after it, we compare again.
      result = underLock(raw, request, result);
    } else if (request.mode() == DriftMode.CORRECT && locked && compared.isDrifted()) {
      result = correct(request, compared, startedAt);
    }
    SearchAttributes.drift(result.state().name());
    progress.phase(Phase.DONE, result.state().name());
    return result;
  }

  @Override
  public Progress progress() {
    return progress.snapshot();
  }

  /** What the check found, with what a correction needs to act on it. */
  private record Compared(
      DriftState state,
      int revision,
      int checked,
      List<ObjectDrift> drifted,
      String bundleDigest,
      List<ClassifiedResource> objects,
      String message,
      boolean busy) {

    boolean isDrifted() {
      return state == DriftState.DRIFTED;
    }

    DriftResult result(
        DriftRequest request, List<String> corrected, String failure, long startedAt) {
      return new DriftResult(
          request.release(),
          request.namespace(),
          request.kubeContext(),
          request.mode(),
          state,
          revision,
          checked,
          drifted,
          corrected,
          failure != null ? failure : message,
          Workflow.currentTimeMillis() - startedAt);
    }

    static Compared unknown(int revision, String message) {
      return new Compared(
          DriftState.UNKNOWN, revision, 0, List.of(), null, List.of(), message, false);
    }

    static Compared busy(int revision, String message) {
      return new Compared(
          DriftState.UNKNOWN, revision, 0, List.of(), null, List.of(), message, true);
    }
  }

  private Compared compare(DriftRequest request) {
    ReleaseTarget target = request.target();
    progress.phase(Phase.RENDER, "read release history");
    ReleaseHistory history = acts.release.history(target);
    RevisionInfo last = history.last();
    if (last == null) {
      return Compared.unknown(0, "release " + request.release() + " has no revisions");
    }
    if (last.revisionStatus().pending() || last.revisionStatus() == RevisionStatus.UNINSTALLING) {
      return Compared.busy(
          last.version(),
          "revision " + last.version() + " is " + last.status() + ": a deploy is running");
    }
    int revision = RollbackRun.lastDeployed(history);
    if (revision == 0) {
      return Compared.unknown(
          last.version(),
          "no deployed revision (last: " + last.version() + " " + last.status() + ")");
    }
    progress.revision(revision);
    progress.phase(Phase.PLAN, "compare with revision " + revision);
    RenderedChart stored = acts.release.loadRevision(target, revision);
    List<ClassifiedResource> objects =
        Classifier.classify(stored.resources(), target.namespace(), Readings.LATEST)
            .resources()
            .stream()
            .filter(r -> !r.hook())
            .filter(r -> !"ignore".equals(r.meta().annotation(Annotations.DRIFT)))
            .toList();
    List<ObjectDrift> drifted;
    try {
      drifted =
          acts.drift.check(
              new DriftCheck(
                  target,
                  stored.bundleDigest(),
                  objects.stream()
                      .map(
                          r ->
                              new Checked(
                                  r.key(),
                                  r.ownership() == Ownership.RELEASE,
                                  r.replicasOnCreation() != null))
                      .toList(),
                  request.ignore()));
    } catch (RuntimeException e) {
      if (Failures.isCancel(e)) {
        throw e;
      }
      return Compared.unknown(revision, "check failed: " + Failures.message(e));
    }
    return new Compared(
        drifted.isEmpty() ? DriftState.IN_SYNC : DriftState.DRIFTED,
        revision,
        objects.size(),
        drifted,
        stored.bundleDigest(),
        objects,
        null,
        false);
  }

  /**
   * Under the lock, on what was compared under it (a deploy may have run while we waited): apply
   * the drifted objects as the stored revision has them: missing ones created, changed ones
   * updated. Not undone on failure: what it wrote is the deployed revision's own state.
   */
  private DriftResult correct(DriftRequest request, Compared now, long startedAt) {
    ReleaseTarget target = request.target();
    Set<String> ids = new HashSet<>();
    now.drifted().forEach(d -> ids.add(d.id()));
    List<ClassifiedResource> drifted =
        now.objects().stream().filter(r -> ids.contains(r.id())).toList();
    Map<String, LiveState> live = new HashMap<>();
    for (LiveState state :
        acts.cluster.inspect(
            new InspectRequest(
                target,
                now.bundleDigest(),
                drifted.stream().map(ClassifiedResource::key).toList()))) {
      live.put(state.id(), state);
    }
    Plan plan =
        PlanBuilder.build(
            new PlanBuilder.Input(
                target.release(),
                target.namespace(),
                DeployType.UPGRADE,
                drifted,
                drifted,
                live,
                false,
                "upgrade"));
    if (!plan.errors().isEmpty()) {
      return now.result(
          request, List.of(), "not corrected: " + String.join("; ", plan.errors()), startedAt);
    }
    long deadline = startedAt + request.timeoutSeconds() * 1000L;
    Execution execution =
        new Execution(
            acts.waitingForCancellationOfWrites(), target, now.bundleDigest(), progress, deadline);
    try {
      for (Plan.StagePlan stage : plan.stages()) {
        if (stage.stage() != Stage.PRE_HOOKS
            && stage.stage() != Stage.POST_HOOKS
            && stage.stage() != Stage.PRUNE) {
          execution.run(stage);
        }
      }
    } catch (RuntimeException e) {
      if (Failures.isCancel(e)) {
        throw e;
      }
      return now.result(
          request, execution.completed(), "correction failed: " + Failures.message(e), startedAt);
    }
    return now.result(request, execution.completed(), null, startedAt);
  }

  /**
   * The correction as a child under the release's converge id. While a converge, rollback or
   * dismiss holds that id the start is refused; we wait and ask again, never disturbing it.
   */
  private DriftResult underLock(Object raw, DriftRequest request, DriftResult found) {
    long deadline = Workflow.currentTimeMillis() + request.timeoutSeconds() * 1000L;
    while (true) {
      DriftWorkflow child =
          Workflow.newChildWorkflowStub(
              DriftWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(request.lockId())
                  .setWorkflowIdReusePolicy(
                      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                  .build());
      Promise<DriftResult> result = Async.function(child::check, raw);
      try {
        Workflow.getWorkflowExecution(child).get();
        return result.get();
      } catch (ChildWorkflowFailure e) {
        if (!lockHeld(e)) {
          return withMessage(found, "correction failed: " + Failures.message(e));
        }
        if (Workflow.currentTimeMillis() + LOCK_RETRY.toMillis() > deadline) {
          return withMessage(
              found,
              "not corrected: another operation held the release for "
                  + request.timeoutSeconds()
                  + " s");
        }
        progress.phase(Phase.PLAN, "waiting for the release's lock (" + request.lockId() + ")");
        Workflow.sleep(LOCK_RETRY);
      }
    }
  }

  private static boolean lockHeld(ChildWorkflowFailure e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("AlreadyStarted")) {
        return true;
      }
    }
    return false;
  }

  private static DriftResult withMessage(DriftResult r, String message) {
    return new DriftResult(
        r.release(),
        r.namespace(),
        r.kubeContext(),
        r.mode(),
        r.state(),
        r.revision(),
        r.checked(),
        r.drifted(),
        r.corrected(),
        message,
        r.durationMillis());
  }

  private static DriftRequest validated(Object raw) {
    DriftRequest request;
    try {
      request = DriftRequests.parse(raw);
    } catch (InvalidRequestException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), "InvalidRequest", e.problems());
    }
    String id = Workflow.getInfo().getWorkflowId();
    if (!request.acceptsId(id)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "workflow id '"
              + id
              + "' does not match the request; start it with id '"
              + request.checkId()
              + "' or '"
              + request.checkId()
              + "-<suffix>' (a correction takes the release's converge id itself)",
          "InvalidRequest");
    }
    return request;
  }
}
