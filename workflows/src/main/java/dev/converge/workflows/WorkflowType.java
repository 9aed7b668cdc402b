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
import dev.converge.workflows.dismiss.DismissRequests;
import dev.converge.workflows.dismiss.DismissWorkflow;
import dev.converge.workflows.drift.DriftWorkflow;
import dev.converge.workflows.planning.PlanWorkflow;
import dev.converge.workflows.rollback.RollbackWorkflow;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every workflow type the worker runs and the API starts: one list for both (the worker registers
 * exactly these), named as the interface's workflow method names it. A type with a {@link
 * ReleaseRoute} is started by {@code POST /api/v1/releases/{namespace}/{release}/<path>} with no
 * API code of its own (docs/architecture.md#add-an-endpoint-that-starts-a-new-workflow-type).
 */
public enum WorkflowType {
  CONVERGE(ConvergeWorkflow.class, ConvergeWorkflowImpl.class, null),
  PLAN(PlanWorkflow.class, PlanWorkflowImpl.class, null),
  ROLLBACK(
      RollbackWorkflow.class,
      RollbackWorkflowImpl.class,
      new ReleaseRoute("rollback", raw -> RollbackWorkflow.Request.parse(raw).workflowId())),
  DISMISS(
      DismissWorkflow.class,
      DismissWorkflowImpl.class,
      new ReleaseRoute("dismiss", raw -> DismissRequests.parse(raw).workflowId())),
  DRIFT(DriftWorkflow.class, DriftWorkflowImpl.class, null),
  BUNDLE_PUBLISH(BundlePublishWorkflow.class, BundlePublishWorkflowImpl.class, null),
  BUNDLE_COPY(BundleCopyWorkflow.class, BundleCopyWorkflowImpl.class, null);

  /**
   * How the API starts a type on a release's path.
   *
   * @param path the last path segment, e.g. {@code rollback}
   * @param workflowId the type's strict parser, giving the run's workflow id; it throws {@code
   *     InvalidRequestException} (a 400) for a bad input
   */
  public record ReleaseRoute(String path, Function<Object, String> workflowId) {}

  private final Class<?> contract;
  private final Class<?> implementation;
  private final ReleaseRoute route;

  WorkflowType(Class<?> contract, Class<?> implementation, ReleaseRoute route) {
    this.contract = contract;
    this.implementation = implementation;
    this.route = route;
  }

  /**
   * The name Temporal knows the type by: its {@code @WorkflowMethod} name, else the interface's.
   */
  public String typeName() {
    return workflowMethod()
        .map(m -> m.getAnnotation(WorkflowMethod.class).name())
        .filter(name -> !name.isEmpty())
        .orElse(contract.getSimpleName());
  }

  /** What a run returns: the workflow method's return type. */
  public Class<?> resultType() {
    return workflowMethod().map(Method::getReturnType).orElse(Object.class);
  }

  public Class<?> implementation() {
    return implementation;
  }

  public Optional<ReleaseRoute> route() {
    return Optional.ofNullable(route);
  }

  /** The type started on {@code /api/v1/releases/{namespace}/{release}/<path>}, if any. */
  public static Optional<WorkflowType> byRoute(String path) {
    return Arrays.stream(values())
        .filter(t -> t.route != null && t.route.path().equals(path))
        .findFirst();
  }

  private Optional<Method> workflowMethod() {
    return Arrays.stream(contract.getMethods())
        .filter(m -> m.getAnnotation(WorkflowMethod.class) != null)
        .findFirst();
  }
}
