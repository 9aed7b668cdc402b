package dev.converge.workflows.bundle;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Publishes a chart with its values as an immutable bundle ({@code werf bundle publish}). The input
 * is raw JSON ({@link BundlePublishRequest}'s fields), checked inside, like a converge's; the
 * workflow id is {@code bundle/<host>/<repository>:<tag>}, so one writer per tag at a time.
 */
@WorkflowInterface
public interface BundlePublishWorkflow {
  @WorkflowMethod(name = "BundlePublishWorkflow")
  BundlePublished publish(Object request);
}
