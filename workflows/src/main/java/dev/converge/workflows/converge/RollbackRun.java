package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.plan.Plan;
import io.temporal.failure.ApplicationFailure;

/**
 * A stored revision deployed again as a new revision: LoadRevision, plan with the rollback hooks,
 * then the {@link Deploy} every deploy shares. Run by RollbackWorkflow and a converge's
 * autoRollback. What it did is kept here for the failure path and the report.
 */
final class RollbackRun {
  private final ActivityStubs acts;
  private final ReleaseTarget target;
  private final ProgressState progress;
  final Deploy deploy;
  Plan plan;

  RollbackRun(ActivityStubs acts, ReleaseTarget target, ProgressState progress) {
    this.acts = acts;
    this.target = target;
    this.progress = progress;
    this.deploy = new Deploy(acts, target, progress);
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
        .filter(r -> r.revisionStatus() == RevisionStatus.DEPLOYED)
        .mapToInt(RevisionInfo::version)
        .max()
        .orElse(0);
  }

  void run(ReleaseHistory history, int toRevision, long deadlineMillis) {
    progress.phase(Phase.RENDER, "load revision " + toRevision);
    RenderedChart stored = acts.release.loadRevision(target, toRevision);
    progress.phase(Phase.PLAN, "inspect cluster, build plan");
    plan =
        Planning.plan(
            acts, target, "revision of " + target.release(), stored, history, DeployType.ROLLBACK);
    deploy.run(
        plan,
        history.nextRevision(),
        DeployType.ROLLBACK,
        stored.bundleDigest(),
        acts.cluster,
        "pending-rollback",
        "Rollback to " + toRevision,
        deadlineMillis);
  }
}
