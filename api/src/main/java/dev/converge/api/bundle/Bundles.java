package dev.converge.api.bundle;

import dev.converge.api.converge.StartedRun;
import dev.converge.api.converge.TemporalCalls;
import dev.converge.api.error.BundleFailedException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Starts and reads bundle publish and copy runs through Temporal. */
@Service
public class Bundles {
  public static final String PUBLISH = "BundlePublishWorkflow";
  public static final String COPY = "BundleCopyWorkflow";
  private final WorkflowClient client;
  private final String taskQueue;

  public Bundles(
      WorkflowClient client, @Value("${converge.task-queue:converge}") String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** 409 while another run writes the same tag (the workflow id is the lock). */
  public StartedRun start(String type, String workflowId, Map<String, Object> raw) {
    return TemporalCalls.start(
        client,
        taskQueue,
        type,
        workflowId,
        raw,
        "another bundle run is writing " + workflowId.substring("bundle/".length()));
  }

  public <T> T await(StartedRun run, Class<T> type) {
    try {
      return client
          .newUntypedWorkflowStub(run.workflowId(), Optional.of(run.runId()), Optional.empty())
          .getResult(type);
    } catch (WorkflowFailedException e) {
      Failure failure = Failure.of(e);
      throw new BundleFailedException(failure.message(), failure.type(), run.workflowId());
    }
  }

  public BundleRun status(String workflowId) {
    WorkflowStub latest =
        client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
    WorkflowExecutionDescription run =
        TemporalCalls.call("bundle run " + workflowId, latest::describe);
    String runId = run.getExecution().getRunId();
    String status = run.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return new BundleRun(workflowId, runId, status, null, null, null);
    }
    WorkflowStub stub =
        client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty());
    try {
      return new BundleRun(workflowId, runId, status, stub.getResult(Object.class), null, null);
    } catch (WorkflowFailedException e) {
      Failure failure = Failure.of(e);
      return new BundleRun(workflowId, runId, status, null, failure.message(), failure.type());
    }
  }

  private record Failure(String message, String type) {
    static Failure of(WorkflowFailedException e) {
      if (e.getCause() instanceof ApplicationFailure failure) {
        return new Failure(failure.getOriginalMessage(), failure.getType());
      }
      return new Failure(e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), null);
    }
  }
}
