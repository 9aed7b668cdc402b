package dev.converge.workflows;

import dev.converge.workflows.bundle.BundleCopyWorkflow;
import dev.converge.workflows.bundle.BundleCopyWorkflowImpl;
import dev.converge.workflows.bundle.BundlePublishWorkflow;
import dev.converge.workflows.bundle.BundlePublishWorkflowImpl;
import dev.converge.workflows.converge.ConvergeWorkflow;
import dev.converge.workflows.converge.ConvergeWorkflowImpl;
import dev.converge.workflows.converge.DismissWorkflowImpl;
import dev.converge.workflows.converge.DriftWorkflowImpl;
import dev.converge.workflows.converge.PlanWorkflowImpl;
import dev.converge.workflows.converge.RollbackWorkflowImpl;
import dev.converge.workflows.dismiss.DismissWorkflow;
import dev.converge.workflows.drift.DriftWorkflow;
import dev.converge.workflows.planning.PlanWorkflow;
import dev.converge.workflows.rollback.RollbackWorkflow;
import io.temporal.workflow.WorkflowMethod;
import java.util.Arrays;

/**
 * Every workflow type the worker runs and the API starts: one list for both (the worker's
 * registration is checked against it), named as the interface's workflow method names it.
 */
public enum WorkflowType {
  CONVERGE(ConvergeWorkflow.class, ConvergeWorkflowImpl.class),
  PLAN(PlanWorkflow.class, PlanWorkflowImpl.class),
  ROLLBACK(RollbackWorkflow.class, RollbackWorkflowImpl.class),
  DISMISS(DismissWorkflow.class, DismissWorkflowImpl.class),
  DRIFT(DriftWorkflow.class, DriftWorkflowImpl.class),
  BUNDLE_PUBLISH(BundlePublishWorkflow.class, BundlePublishWorkflowImpl.class),
  BUNDLE_COPY(BundleCopyWorkflow.class, BundleCopyWorkflowImpl.class);

  private final Class<?> contract;
  private final Class<?> implementation;

  WorkflowType(Class<?> contract, Class<?> implementation) {
    this.contract = contract;
    this.implementation = implementation;
  }

  /**
   * The name Temporal knows the type by: its {@code @WorkflowMethod} name, else the interface's.
   */
  public String typeName() {
    return Arrays.stream(contract.getMethods())
        .map(m -> m.getAnnotation(WorkflowMethod.class))
        .filter(m -> m != null && !m.name().isEmpty())
        .map(WorkflowMethod::name)
        .findFirst()
        .orElse(contract.getSimpleName());
  }

  public Class<?> implementation() {
    return implementation;
  }
}
