package dev.converge.workflows.planning;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Plans a converge without writing anything to the cluster: render against it, dry-run every
 * object, the operations per stage and weight and each object's diff. Input: a ConvergeRequest's
 * raw JSON; workflow id {@code plan/<kubeContext>/<namespace>/<release>}.
 */
@WorkflowInterface
public interface PlanWorkflow {
  @WorkflowMethod(name = "PlanWorkflow")
  PlanResult plan(Object request);
}
