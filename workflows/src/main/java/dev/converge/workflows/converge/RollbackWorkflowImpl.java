package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Inputs;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.rollback.RollbackWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * {@code helm rollback}: history -> LoadRevision -> plan (rollback hooks) -> pending -> stages ->
 * deployed.
 */
public class RollbackWorkflowImpl implements RollbackWorkflow {
  private ActivityStubs acts = new ActivityStubs();
  private final ProgressState progress = new ProgressState();

  @Override
  public ConvergeResult rollback(Object raw) {
    long startedAt = Workflow.currentTimeMillis();
    RollbackWorkflow.Request asked =
        Inputs.validated(
            raw,
            RollbackWorkflow.Request::parse,
            RollbackWorkflow.Request::workflowId,
            "the release's converge id, so that a rollback and a converge of the release never overlap");
    ReleaseTarget target = asked.target();
    SearchAttributes.started(target);
    acts = acts.waitingForCancellationOfWrites();
    RollbackRun run = new RollbackRun(acts, target, progress);
    int toRevision = 0;
    try {
      progress.phase(Phase.RENDER, "read history");
      ReleaseHistory history =
          StalePending.release(acts.release, target, acts.release.history(target));
      toRevision = RollbackRun.target(history, asked.revision(), asked.release());
      run.run(history, toRevision, startedAt + asked.timeoutSeconds() * 1000L);
    } catch (RuntimeException e) {
      boolean canceled = Failures.isCancel(e);
      Phase failedPhase = progress.phase();
      progress.operations().stop(canceled);
      String message = Failures.message(e);
      FailurePath.Result cleanup =
          FailurePath.run(
              acts, target, run.deploy.execution, run.deploy.revision, message, progress);
      if (!cleanup.left().isEmpty()) {
        message = message + "; compensation could not remove: " + String.join("; ", cleanup.left());
      }
      Outcome outcome = canceled ? Outcome.CANCELED : Outcome.FAILED;
      SearchAttributes.outcome(outcome);
      progress.phase(Phase.DONE, outcome.name());
      ConvergeResult report =
          Reports.of(
              target,
              run,
              progress,
              outcome,
              failedPhase,
              message,
              cleanup.compensated(),
              startedAt,
              toRevision);
      if (canceled) {
        throw new CanceledFailure(
            "rollback of "
                + target.release()
                + " canceled in "
                + failedPhase
                + "; compensation done",
            report);
      }
      throw ApplicationFailure.newNonRetryableFailure(
          "rollback of " + target.release() + " failed in " + failedPhase + ": " + message,
          "RollbackFailed",
          report);
    }
    SearchAttributes.outcome(Outcome.DEPLOYED);
    progress.phase(Phase.DONE, Outcome.DEPLOYED.name());
    return Reports.of(
        target, run, progress, Outcome.DEPLOYED, null, null, List.of(), startedAt, toRevision);
  }

  @Override
  public Progress progress() {
    return progress.snapshot();
  }

  /** The converge report shape for a rollback run. */
  static final class Reports {
    private Reports() {}

    static ConvergeResult of(
        ReleaseTarget target,
        RollbackRun run,
        ProgressState progress,
        Outcome outcome,
        Phase failedPhase,
        String error,
        List<String> compensated,
        long startedAt,
        int toRevision) {
      Execution execution = run.deploy.execution;
      List<String> canceled = Execution.notStarted(run.plan, execution);
      return new ConvergeResult(
          target.release(),
          target.namespace(),
          target.kubeContext(),
          run.deploy.revision,
          outcome,
          DeployType.ROLLBACK,
          failedPhase,
          error,
          execution == null ? List.of() : execution.completed(),
          execution == null ? List.of() : execution.failed(),
          canceled,
          compensated,
          progress.rows(),
          Workflow.currentTimeMillis() - startedAt,
          toRevision > 0 ? "revision " + toRevision : null,
          null,
          null,
          progress.operations().list());
    }
  }
}
