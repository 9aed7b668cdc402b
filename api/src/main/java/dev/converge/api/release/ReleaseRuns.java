package dev.converge.api.release;

import dev.converge.api.converge.StartedRun;
import dev.converge.api.converge.TemporalCalls;
import dev.converge.api.error.OperationFailedException;
import dev.converge.api.error.RunFailedException;
import dev.converge.workflows.dismiss.DismissResult;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.planning.PlanResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Rollback and dismiss runs. They run under the release's converge workflow id, so Temporal refuses
 * one while any converge, rollback or dismiss of the release runs (409 here).
 */
@Service
public class ReleaseRuns {
  private final WorkflowClient client;
  private final String taskQueue;

  public ReleaseRuns(
      WorkflowClient client, @Value("${converge.task-queue:converge}") String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  public StartedRun start(String type, String workflowId, Map<String, Object> input) {
    return TemporalCalls.start(
        client,
        taskQueue,
        type,
        workflowId,
        input,
        workflowId.startsWith("plan/")
            ? "a plan of this release is already running"
            : "a converge, rollback or dismiss of this release is already running");
  }

  public ConvergeResult awaitRollback(StartedRun run) {
    try {
      return stub(run).getResult(ConvergeResult.class);
    } catch (WorkflowFailedException e) {
      ConvergeResult report =
          e.getCause() instanceof ApplicationFailure f ? detail(f, ConvergeResult.class) : null;
      throw new RunFailedException(message(e), report);
    }
  }

  public DismissResult awaitDismiss(StartedRun run) {
    try {
      return stub(run).getResult(DismissResult.class);
    } catch (WorkflowFailedException e) {
      DismissResult result =
          e.getCause() instanceof ApplicationFailure f ? detail(f, DismissResult.class) : null;
      throw new OperationFailedException(message(e), result);
    }
  }

  public PlanResult awaitPlan(StartedRun run) {
    try {
      return stub(run).getResult(PlanResult.class);
    } catch (WorkflowFailedException e) {
      throw new OperationFailedException(message(e), null);
    }
  }

  private WorkflowStub stub(StartedRun run) {
    return client.newUntypedWorkflowStub(
        run.workflowId(), Optional.of(run.runId()), Optional.empty());
  }

  /**
   * The first application failure's own words (an activity's failure sits under an
   * ActivityFailure).
   */
  private static String message(WorkflowFailedException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure f) {
        return f.getOriginalMessage();
      }
    }
    return "the run ended without a failure message";
  }

  private static <T> T detail(ApplicationFailure failure, Class<T> type) {
    try {
      return failure.getDetails().getSize() == 0 ? null : failure.getDetails().get(type);
    } catch (RuntimeException notThatType) {
      return null;
    }
  }
}
