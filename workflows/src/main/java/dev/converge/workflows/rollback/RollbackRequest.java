package dev.converge.workflows.rollback;

import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ReleaseTarget;

/**
 * The one input of a {@code RollbackWorkflow}. Workflow id: the release's converge id.
 *
 * @param revision the revision to deploy again; 0: the one before the last (Helm's default)
 */
public record RollbackRequest(
    String release, String namespace, String kubeContext, int revision, int timeoutSeconds) {

  public RollbackRequest {
    kubeContext =
        kubeContext == null || kubeContext.isBlank()
            ? ConvergeRequest.DEFAULT_CONTEXT
            : kubeContext;
    timeoutSeconds = timeoutSeconds <= 0 ? ConvergeRequest.DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }

  public ReleaseTarget target() {
    return new ReleaseTarget(kubeContext, namespace, release);
  }

  public String workflowId() {
    return ConvergeRequest.workflowId(kubeContext, namespace, release);
  }
}
