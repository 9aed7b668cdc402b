package dev.converge.workflows.drift;

import dev.converge.workflows.model.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Compares a release with its last deployed revision and, in correct mode, puts drifted objects
 * back (docs/semantics.md#drift). Raw JSON input ({@code release}, {@code namespace}, {@code
 * kubeContext}, {@code mode}, {@code ignore}, {@code timeoutSeconds}); started by the release's
 * drift schedule under {@code drift/<kubeContext>/<namespace>/<release>-<time>}. A correction runs
 * as a child under the release's converge id.
 */
@WorkflowInterface
public interface DriftWorkflow {
  @WorkflowMethod(name = "DriftWorkflow")
  DriftResult check(Object request);

  @QueryMethod(name = "progress")
  Progress progress();
}
