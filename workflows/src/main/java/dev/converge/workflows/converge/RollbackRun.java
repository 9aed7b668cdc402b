package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.PendingRevision;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.Plan.StagePlan;
import io.temporal.failure.ApplicationFailure;

/**
 * A stored revision deployed again as a new revision: LoadRevision, plan with the rollback hooks,
 * pending-rollback record, every stage, deployed. Shared by RollbackWorkflow and a converge's
 * autoRollback. What it did is kept here for the failure path and the report.
 */
final class RollbackRun {
  private final ActivityStubs acts;
  private final ConvergeRequest request;
  private final ProgressState progress;
  Plan plan;
  Execution execution;
  int revision;

  RollbackRun(ActivityStubs acts, ConvergeRequest request, ProgressState progress) {
    this.acts = acts;
    this.request = request;
    this.progress = progress;
  }

  /** The revision a rollback goes to: the one asked for, or the one before the last. */
  static int target(ReleaseHistory history, int asked, String release) {
    if (history.last() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "release " + release + " has no revisions to roll back to", "RevisionMissing");
    }
    int revision = asked > 0 ? asked : history.last().version() - 1;
    if (history.revisions().stream().noneMatch(r -> r.version() == revision)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "release "
              + release
              + " has no revision "
              + revision
              + " (kept: "
              + String.join(
                  ", ",
                  history.revisions().stream().map(r -> r.version() + " " + r.status()).toList())
              + ")",
          "RevisionMissing");
    }
    return revision;
  }

  /** The last deployed revision before the current attempt, for autoRollback; 0 when none. */
  static int lastDeployed(ReleaseHistory history) {
    return history.revisions().stream()
        .filter(r -> "deployed".equals(r.status()))
        .mapToInt(RevisionInfo::version)
        .max()
        .orElse(0);
  }

  void run(ReleaseHistory history, int toRevision, long deadlineMillis) {
    progress.phase(Phase.RENDER, "load revision " + toRevision);
    RenderedChart stored = acts.release.loadRevision(request.target(), toRevision);
    progress.phase(Phase.PLAN, "inspect cluster, build plan");
    plan = Planning.plan(acts, request, stored, history, DeployType.ROLLBACK);
    revision = history.nextRevision();
    progress.revision(revision);
    SearchAttributes.revision(revision);
    acts.cluster.ensureNamespace(request.target());
    progress.phase(Phase.RELEASE, "save revision " + revision + " as pending-rollback");
    acts.release.savePending(
        new PendingRevision(
            request.target(),
            revision,
            DeployType.ROLLBACK,
            stored.bundleDigest(),
            ConvergeWorkflowImpl.HISTORY_LIMIT));
    execution = new Execution(acts, request, stored.bundleDigest(), progress, deadlineMillis);
    for (StagePlan stage : plan.stages()) {
      execution.run(stage);
    }
    progress.phase(Phase.RELEASE, "mark revision " + revision + " deployed");
    acts.release.markDeployed(request.target(), revision, "Rollback to " + toRevision);
  }
}
