package dev.converge.workflows.rollback;

import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Fields;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.RequestParser;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Set;

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

  /**
   * The one input, parsed strictly from the raw JSON. Workflow id: the release's converge id.
   *
   * @param revision the revision to deploy again; 0: the one before the last (Helm's default)
   */
  record Request(
      String release, String namespace, String kubeContext, int revision, int timeoutSeconds) {
    private static final Set<String> KEYS =
        Set.of("release", "namespace", "kubeContext", "revision", "timeoutSeconds");

    public Request {
      kubeContext =
          kubeContext == null || kubeContext.isBlank()
              ? ConvergeRequest.DEFAULT_CONTEXT
              : kubeContext;
      timeoutSeconds =
          timeoutSeconds <= 0 ? ConvergeRequest.DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    public ReleaseTarget target() {
      return new ReleaseTarget(kubeContext, namespace, release);
    }

    public String workflowId() {
      return ConvergeRequest.workflowId(kubeContext, namespace, release);
    }

    public static Request parse(Object raw) {
      Fields f = Fields.of(raw, KEYS);
      ReleaseTarget target = RequestParser.target(f);
      Integer revision = f.integer("revision");
      if (revision != null && revision < 0) {
        f.problem(
            "revision",
            "must be a revision number (0 or none: the one before the last), got " + revision);
      }
      Integer timeout = f.integer("timeoutSeconds");
      RequestParser.checkTimeout(f, timeout);
      f.check();
      return new Request(
          target.release(),
          target.namespace(),
          target.kubeContext(),
          revision == null ? 0 : revision,
          timeout == null ? 0 : timeout);
    }
  }
}
