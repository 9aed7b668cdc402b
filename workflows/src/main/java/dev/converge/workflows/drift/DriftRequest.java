package dev.converge.workflows.drift;

import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.ReleaseTarget;
import java.util.List;

/**
 * The one input of a {@code DriftWorkflow}: which release to compare with its deployed revision,
 * and what to do about drift. A check runs under {@link #checkId()} (a schedule appends the time);
 * a correction runs under the release's converge id, the release's lock.
 *
 * @param timeoutSeconds how long a correction may wait for the lock and then track
 */
public record DriftRequest(
    String release,
    String namespace,
    String kubeContext,
    DriftMode mode,
    List<IgnoreRule> ignore,
    int timeoutSeconds) {

  public DriftRequest {
    kubeContext =
        kubeContext == null || kubeContext.isBlank()
            ? ConvergeRequest.DEFAULT_CONTEXT
            : kubeContext;
    mode = mode == null ? DriftMode.WARN : mode;
    ignore = Copies.list(ignore);
    timeoutSeconds = timeoutSeconds <= 0 ? ConvergeRequest.DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }

  public ReleaseTarget target() {
    return new ReleaseTarget(kubeContext, namespace, release);
  }

  /** The check's id, and its schedule's: {@code drift/<kubeContext>/<namespace>/<release>}. */
  public String checkId() {
    return checkId(kubeContext, namespace, release);
  }

  public static String checkId(String kubeContext, String namespace, String release) {
    return "drift"
        + ConvergeRequest.workflowId(kubeContext, namespace, release)
            .substring("converge".length());
  }

  /** The release's converge id: a correction holds it, so it never overlaps another operation. */
  public String lockId() {
    return ConvergeRequest.workflowId(kubeContext, namespace, release);
  }

  /**
   * A check started by its schedule or on request ({@code <checkId>-<suffix>}), or a correction.
   */
  public boolean acceptsId(String workflowId) {
    return workflowId.equals(checkId())
        || workflowId.startsWith(checkId() + "-")
        || workflowId.equals(lockId());
  }
}
