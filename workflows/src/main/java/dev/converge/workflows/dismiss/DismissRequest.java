package dev.converge.workflows.dismiss;

import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ReleaseTarget;

/**
 * The one input of a {@code DismissWorkflow}: which release to remove. Its workflow id is the
 * release's converge id, so a dismiss and a converge of one release never run at once.
 *
 * @param deleteNamespace delete the namespace too, once the release is gone
 */
public record DismissRequest(
    String release,
    String namespace,
    String kubeContext,
    boolean deleteNamespace,
    int timeoutSeconds) {

  public DismissRequest {
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
