package dev.converge.workflows.converge;

import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.planning.PlanResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One converge of one release. The input is the raw JSON of docs/contracts.md#converge-request,
 * parsed and checked inside the workflow, so a bad key fails the run with a clear message instead
 * of leaving a workflow task retrying on a deserialization error. It is typed {@code Object} for
 * the same reason: any JSON value (even a bare string sent by mistake) deserializes, and the parser
 * names what is wrong with it.
 */
@WorkflowInterface
public interface ConvergeWorkflow {
  String TASK_QUEUE = "converge";

  @WorkflowMethod(name = "ConvergeWorkflow")
  ConvergeResult converge(Object request);

  @QueryMethod(name = "progress")
  Progress progress();

  /**
   * The report once the run has ended, null before. A canceled run carries no result, so this is
   * where its report (what was compensated) is read.
   */
  @QueryMethod(name = "report")
  ConvergeResult report();

  /**
   * The plan waiting for approval (a converge with {@code approval.required}), null when none is.
   */
  @QueryMethod(name = "plan")
  PlanResult plan();

  /**
   * Approves or rejects the plan waiting for approval. Refused (nothing recorded) when no plan
   * waits or the digest is not the waiting plan's.
   */
  @UpdateMethod(name = "approve")
  String approve(ApprovalDecision decision);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(ApprovalDecision decision);
}
