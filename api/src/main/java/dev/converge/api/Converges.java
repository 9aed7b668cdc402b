package dev.converge.api;

import dev.converge.workflows.converge.ConvergeWorkflow;
import dev.converge.workflows.converge.SearchAttributes;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Progress;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes.Builder;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Starts and inspects converges through Temporal; the controllers stay thin. */
@Service
public class Converges {
  private final WorkflowClient client;
  private final String taskQueue;

  public Converges(WorkflowClient client, @Value("${converge.task-queue:converge}") String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  public WorkflowExecution start(ConvergeRequest request, Map<String, Object> raw) {
    // Attributes at start so the run is findable before its first workflow task.
    Builder attributes = io.temporal.common.SearchAttributes.newBuilder()
        .set(SearchAttributes.RELEASE, request.release())
        .set(SearchAttributes.NAMESPACE, request.namespace())
        .set(SearchAttributes.KUBE_CONTEXT, request.kubeContext())
        .set(SearchAttributes.OUTCOME, "RUNNING");
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setWorkflowId(request.workflowId())
        .setTypedSearchAttributes(attributes.build())
        .build();
    ConvergeWorkflow workflow = client.newWorkflowStub(ConvergeWorkflow.class, options);
    return WorkflowClient.start(workflow::converge, raw);
  }

  public ConvergeResult await(String workflowId, String runId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty()).getResult(ConvergeResult.class);
  }

  public Progress progress(String workflowId) {
    return client.newWorkflowStub(ConvergeWorkflow.class, workflowId).progress();
  }

  public WorkflowStub stub(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }
}
