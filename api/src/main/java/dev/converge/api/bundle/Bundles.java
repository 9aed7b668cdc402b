package dev.converge.api.bundle;

import dev.converge.api.error.BundleFailedException;
import dev.converge.api.temporal.RunEnded;
import dev.converge.api.temporal.StartedRun;
import dev.converge.api.temporal.TemporalGateway;
import dev.converge.workflows.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Starts and reads bundle publish and copy runs through Temporal. */
@Service
public class Bundles {
  private final TemporalGateway temporal;

  public Bundles(TemporalGateway temporal) {
    this.temporal = temporal;
  }

  /** 409 while another run writes the same tag (the workflow id is the lock). */
  public StartedRun start(WorkflowType type, String workflowId, Map<String, Object> raw) {
    return temporal.start(
        type,
        workflowId,
        raw,
        "another bundle run is writing " + workflowId.substring("bundle/".length()));
  }

  public <T> T await(StartedRun run, Class<T> type) {
    return temporal.result(
        run, type, end -> new BundleFailedException(end.message(), end.type(), run.workflowId()));
  }

  public BundleRun status(String workflowId) {
    WorkflowStub latest = temporal.stub(workflowId, null);
    WorkflowExecutionDescription run =
        TemporalGateway.call("bundle run " + workflowId, latest::describe);
    String runId = run.getExecution().getRunId();
    String status = run.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return new BundleRun(workflowId, runId, status, null, null, null);
    }
    try {
      Object result = temporal.stub(workflowId, runId).getResult(Object.class);
      return new BundleRun(workflowId, runId, status, result, null, null);
    } catch (WorkflowFailedException e) {
      RunEnded end = RunEnded.of(e);
      return new BundleRun(workflowId, runId, status, null, end.message(), end.type());
    }
  }
}
