package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import dev.converge.workflows.activities.ClusterActivities.DeleteRequest;
import dev.converge.workflows.activities.ClusterActivities.Deleted;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.plan.PlannedOperation;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * docs/semantics.md#failure-path, ours: delete what this run created (reverse order, by uid),
 * delete failed resources with delete-policy failed, save the revision as failed. Runs in a
 * detached scope so a cancel cannot stop it, with activities that retry until done.
 */
final class FailurePath {
  static final int DELETE_TIMEOUT_SECONDS = 600;

  /**
   * Version 1: objects whose uid the failed apply never returned are deleted only when stamped
   * ours.
   */
  static final String COMPENSATE_OURS_ONLY = "compensate-ours-only";

  private FailurePath() {}

  /**
   * @param compensated the objects that were deleted
   * @param left what could not be cleaned up, and why (refused, stuck, or retries exhausted)
   */
  record Result(List<String> compensated, List<String> left) {}

  static Result run(
      ActivityStubs acts,
      ReleaseTarget target,
      Execution execution,
      int revision,
      String error,
      ProgressState progress) {
    List<String> compensated = new ArrayList<>();
    List<String> left = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              progress.phase(Phase.COMPENSATE, "delete what this run created");
              if (execution != null && !execution.created().isEmpty()) {
                List<DeleteOp> reversed = new ArrayList<>(execution.created().values());
                Collections.reverse(reversed);
                if (Workflow.getVersion(COMPENSATE_OURS_ONLY, Workflow.DEFAULT_VERSION, 1) == 1) {
                  // An apply that failed returned no uids: delete only what carries this release's
                  // stamp.
                  reversed = reversed.stream().map(DeleteOp::releaseStampedOnly).toList();
                }
                for (Deleted d : delete(acts, target, reversed, left)) {
                  DeleteOp op = execution.created().get(d.id());
                  String name = op == null ? d.id() : op.key().display();
                  if ("deleted".equals(d.outcome())) {
                    compensated.add(name);
                  } else if (d.outcome().startsWith("failed") || d.outcome().startsWith("stuck")) {
                    left.add(name + " (" + d.outcome() + ")");
                  }
                }
              }
              if (execution != null) {
                List<DeleteOp> failedPolicy =
                    execution.failedTracking().stream()
                        .filter(PlannedOperation::deleteWhenFailed)
                        .map(Execution::deleteOp)
                        .toList();
                if (!failedPolicy.isEmpty()) {
                  progress.phase(Phase.COMPENSATE, "delete-policy failed");
                  delete(acts, target, failedPolicy, left);
                }
              }
              if (revision > 0) {
                progress.phase(Phase.COMPENSATE, "mark revision failed");
                try {
                  acts.releaseUntilDone.markFailed(target, revision, error);
                } catch (ActivityFailure e) {
                  // The next converge marks a revision left pending as failed: the release is not
                  // wedged.
                  left.add("revision " + revision + " still pending (" + Failures.message(e) + ")");
                }
              }
            })
        .run();
    return new Result(compensated, left);
  }

  private static List<Deleted> delete(
      ActivityStubs acts, ReleaseTarget target, List<DeleteOp> ops, List<String> left) {
    try {
      return acts.clusterUntilDone.delete(new DeleteRequest(target, ops, DELETE_TIMEOUT_SECONDS));
    } catch (ActivityFailure e) {
      ops.forEach(op -> left.add(op.key().display() + " (" + Failures.message(e) + ")"));
      return List.of();
    }
  }
}
