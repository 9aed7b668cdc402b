package dev.converge.workflows.converge;

import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/**
 * One converge of one release. The input is the raw JSON object of CONTRACTS.md, parsed and
 * checked inside the workflow, so a bad key fails the run with a clear message instead of
 * leaving a workflow task retrying on a deserialization error.
 */
@WorkflowInterface
public interface ConvergeWorkflow {
  String TASK_QUEUE = "converge";

  @WorkflowMethod(name = "ConvergeWorkflow")
  ConvergeResult converge(Map<String, Object> request);

  @QueryMethod(name = "progress")
  Progress progress();
}
