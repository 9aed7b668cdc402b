package dev.converge.workflows.bundle;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Copies a bundle to another registry or repository, or to/from a {@code .tar.gz} archive, keeping
 * its digest ({@code werf bundle copy}). Workflow id: the target's, as for a publish.
 */
@WorkflowInterface
public interface BundleCopyWorkflow {
  @WorkflowMethod(name = "BundleCopyWorkflow")
  BundleCopied copy(Object request);
}
