package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities;
import dev.converge.workflows.activities.ReleaseActivities.PendingRevision;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Operation.Status;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.plan.OperationGraph;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.Plan.StagePlan;

/**
 * What every deploy of a release does once its plan is made (docs/semantics.md): the new revision
 * saved pending, every stage run, the revision marked deployed. A converge, a rollback and a
 * converge's autoRollback run it the same way; what it did stays here for the failure path and the
 * report.
 */
final class Deploy {
  private final ActivityStubs acts;
  private final ReleaseTarget target;
  private final ProgressState progress;

  /** The revision this deploy writes; 0 until it is chosen. */
  int revision;

  /** The stages' execution; null until the pending revision is saved. */
  Execution execution;

  Deploy(ActivityStubs acts, ReleaseTarget target, ProgressState progress) {
    this.acts = acts;
    this.target = target;
    this.progress = progress;
  }

  /**
   * @param namespaces the stub that makes sure the namespace exists (a converge runs it locally)
   * @param pending how the saved revision reads in progress ("pending", "pending-rollback")
   * @param description the deployed revision's description, as Helm shows it
   */
  void run(
      Plan plan,
      int revision,
      DeployType type,
      String bundleDigest,
      ClusterActivities namespaces,
      String pending,
      String description,
      long deadlineMillis) {
    this.revision = revision;
    progress.revision(revision);
    SearchAttributes.revision(revision);
    OperationLog operations = new OperationLog(OperationGraph.of(plan, revision));
    progress.operations(operations);
    namespaces.ensureNamespace(target);
    progress.phase(Phase.RELEASE, "save revision " + revision + " as " + pending);
    operations.start(OperationGraph.RELEASE_PENDING);
    acts.release.savePending(
        new PendingRevision(
            target, revision, type, bundleDigest, ConvergeWorkflowImpl.HISTORY_LIMIT));
    operations.end(OperationGraph.RELEASE_PENDING, Status.COMPLETED);
    execution = new Execution(acts, target, bundleDigest, progress, deadlineMillis);
    for (StagePlan stage : plan.stages()) {
      execution.run(stage);
    }
    progress.phase(Phase.RELEASE, "mark revision " + revision + " deployed");
    operations.start(OperationGraph.RELEASE_DEPLOYED);
    acts.release.markDeployed(target, revision, description);
    operations.end(OperationGraph.RELEASE_DEPLOYED, Status.COMPLETED);
  }
}
