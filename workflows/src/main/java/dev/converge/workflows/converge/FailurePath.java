package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import dev.converge.workflows.activities.ClusterActivities.DeleteRequest;
import dev.converge.workflows.activities.ClusterActivities.Deleted;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.plan.PlannedOperation;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SEMANTICS §6, ours: delete what this run created (reverse order, by uid), delete failed
 * resources with delete-policy failed, save the revision as failed. Runs in a detached scope so
 * a cancel cannot stop it, with activities that retry until done.
 */
final class FailurePath {
  static final int DELETE_TIMEOUT_SECONDS = 600;

  private FailurePath() {}

  /** @return the objects that were deleted */
  static List<String> run(
      ActivityStubs acts, ConvergeRequest request, Execution execution, int revision, String error, ProgressState progress) {
    List<String> compensated = new ArrayList<>();
    Workflow.newDetachedCancellationScope(() -> {
      progress.phase(Phase.COMPENSATE, "delete what this run created");
      if (execution != null && !execution.created.isEmpty()) {
        List<DeleteOp> reversed = new ArrayList<>(execution.created.values());
        Collections.reverse(reversed);
        for (Deleted d : acts.clusterUntilDone.delete(new DeleteRequest(request.target(), reversed, DELETE_TIMEOUT_SECONDS))) {
          if ("deleted".equals(d.outcome())) {
            DeleteOp op = execution.created.get(d.id());
            compensated.add(op == null ? d.id() : op.key().display());
          }
        }
      }
      if (execution != null) {
        List<DeleteOp> failedPolicy = execution.failedTracking.stream()
            .filter(PlannedOperation::deleteWhenFailed)
            .map(op -> new DeleteOp(op.key(), null, op.deletePropagation())).toList();
        if (!failedPolicy.isEmpty()) {
          progress.phase(Phase.COMPENSATE, "delete-policy failed");
          acts.clusterUntilDone.delete(new DeleteRequest(request.target(), failedPolicy, DELETE_TIMEOUT_SECONDS));
        }
      }
      if (revision > 0) {
        progress.phase(Phase.COMPENSATE, "mark revision failed");
        acts.releaseUntilDone.markFailed(request.target(), revision, error);
      }
    }).run();
    return compensated;
  }
}
