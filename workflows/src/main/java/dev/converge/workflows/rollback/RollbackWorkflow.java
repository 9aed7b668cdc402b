package dev.converge.workflows.rollback;

import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Deploys a stored revision again as a new revision ({@code helm rollback}): its manifest and
 * values, pre-rollback/post-rollback hooks and {@code werf.io/deploy-on: rollback}, tracked and
 * compensated like a converge. Raw JSON input ({@code release}, {@code namespace}, {@code
 * kubeContext}, {@code revision}, {@code timeoutSeconds}); workflow id = the release's converge id.
 * Result: a converge report with deployType ROLLBACK.
 */
@WorkflowInterface
public interface RollbackWorkflow {
  @WorkflowMethod(name = "RollbackWorkflow")
  ConvergeResult rollback(Object request);

  @QueryMethod(name = "progress")
  Progress progress();
}
