package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.model.ReleaseTarget;
import io.temporal.workflow.Workflow;

/**
 * A converge's autoRollback: after the converge failed and was compensated, the last deployed
 * revision deployed again as a new revision, in a scope of its own (the converge's may be canceled
 * by its timeout). Its own failure is compensated and reported, never thrown.
 */
final class AutoRollback {
  /** Version 1: autoRollback deploys the last deployed revision again after a failed converge. */
  static final String AUTO_ROLLBACK = "auto-rollback";

  private AutoRollback() {}

  /** What happened, for the report; {@code before} is the history read at the converge's start. */
  static String run(
      ActivityStubs acts,
      ReleaseTarget target,
      ProgressState progress,
      ReleaseHistory before,
      int timeoutSeconds) {
    int to = before == null ? 0 : RollbackRun.lastDeployed(before);
    if (to == 0) {
      return "no rollback: the release has no deployed revision";
    }
    String[] outcome = new String[1];
    Workflow.newDetachedCancellationScope(
            () -> {
              RollbackRun run = new RollbackRun(acts, target, progress);
              try {
                ReleaseHistory now = acts.release.history(target);
                run.run(now, to, Workflow.currentTimeMillis() + timeoutSeconds * 1000L);
                outcome[0] =
                    "rolled back to revision " + to + " as revision " + run.deploy.revision;
              } catch (RuntimeException e) {
                outcome[0] =
                    "rollback to revision "
                        + to
                        + " failed: "
                        + compensate(acts, target, progress, run, e);
              }
            })
        .run();
    return outcome[0];
  }

  private static String compensate(
      ActivityStubs acts,
      ReleaseTarget target,
      ProgressState progress,
      RollbackRun run,
      RuntimeException error) {
    String message = Failures.message(error);
    FailurePath.Result cleanup =
        FailurePath.run(
            acts,
            target,
            run.deploy.execution,
            run.deploy.revision,
            "Rollback failed: " + message,
            progress);
    return cleanup.left().isEmpty()
        ? message
        : message + "; compensation could not remove: " + String.join("; ", cleanup.left());
  }
}
