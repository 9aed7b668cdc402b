package dev.converge.workflows.dismiss;

import dev.converge.workflows.model.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Removes a release (docs/semantics.md#dismiss, {@code werf dismiss}): revision uninstalling,
 * pre-delete hooks, delete what the release owns except what it keeps and wait until it is gone,
 * post-delete hooks, then the release's Secrets; the namespace only on request. Raw JSON input
 * ({@code release}, {@code namespace}, {@code kubeContext}, {@code deleteNamespace}, {@code
 * timeoutSeconds}); workflow id {@code converge/<kubeContext>/<namespace>/<release>}.
 */
@WorkflowInterface
public interface DismissWorkflow {
  @WorkflowMethod(name = "DismissWorkflow")
  DismissResult dismiss(Object request);

  @QueryMethod(name = "progress")
  Progress progress();
}
