package dev.converge.api.release;

import dev.converge.api.error.OperationFailedException;
import dev.converge.api.error.RunFailedException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.api.temporal.TemporalGateway;
import dev.converge.workflows.WorkflowType;
import dev.converge.workflows.dismiss.DismissResult;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.planning.PlanResult;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Runs started on a release's path. Rollback and dismiss run under the release's converge workflow
 * id, so Temporal refuses one while any converge, rollback or dismiss of the release runs (409).
 */
@Service
public class ReleaseRuns {
  private final TemporalGateway temporal;

  public ReleaseRuns(TemporalGateway temporal) {
    this.temporal = temporal;
  }

  public StartedRun start(WorkflowType type, String workflowId, Map<String, Object> input) {
    return temporal.start(type, workflowId, input, busy(type, workflowId));
  }

  /** A run's result, or with {@code ?wait=true} a failed run as a 422 carrying its details. */
  public Object await(StartedRun run, WorkflowType type) {
    if (type.resultType() == ConvergeResult.class) {
      return temporal.result(
          run,
          ConvergeResult.class,
          end -> new RunFailedException(end.message(), end.detail(ConvergeResult.class)));
    }
    return temporal.result(
        run,
        type.resultType(),
        end -> new OperationFailedException(end.message(), end.detail(type.resultType())));
  }

  private static String busy(WorkflowType type, String workflowId) {
    if (type == WorkflowType.PLAN) {
      return "a plan of this release is already running";
    }
    if (workflowId.startsWith("converge/")) {
      return "a converge, rollback or dismiss of this release is already running";
    }
    return "a "
        + type.route().map(WorkflowType.ReleaseRoute::path).orElse(type.typeName())
        + " of this release is already running";
  }

  public DismissResult awaitDismiss(StartedRun run) {
    return temporal.result(
        run,
        DismissResult.class,
        end -> new OperationFailedException(end.message(), end.detail(DismissResult.class)));
  }

  public PlanResult awaitPlan(StartedRun run) {
    return temporal.result(
        run, PlanResult.class, end -> new OperationFailedException(end.message(), null));
  }
}
