package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderActivities.RenderRequest;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Inputs;
import dev.converge.workflows.model.OciReference;
import dev.converge.workflows.model.RequestParser;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.planning.PlanResult;
import dev.converge.workflows.planning.PlanWorkflow;

/** A converge up to its plan: history, render, inspect, plan, diff; no write to the cluster. */
public class PlanWorkflowImpl implements PlanWorkflow {
  private final ActivityStubs acts = new ActivityStubs();

  @Override
  public PlanResult plan(Object raw) {
    ConvergeRequest request =
        Inputs.validated(
            raw,
            RequestParser::parse,
            r -> "plan/" + r.kubeContext() + "/" + r.namespace() + "/" + r.release(),
            "plan/<kubeContext>/<namespace>/<release>");
    ReleaseHistory history = acts.release.history(request.target());
    DeployType deployType = DeployTypes.of(history.revisions());
    String chartRef = request.chart();
    if (chartRef.startsWith(OciReference.SCHEME)) {
      chartRef = acts.bundle.resolveChart(chartRef).chart();
    }
    RenderedChart chart =
        acts.render.renderRelease(
            new RenderRequest(
                request.withChart(chartRef),
                history.nextRevision(),
                deployType == DeployType.UPGRADE));
    Plan plan = Planning.plan(acts, request.target(), request.chart(), chart, history, deployType);
    boolean changes =
        Unchanged.why(history, chart, plan, ConvergeWorkflowImpl.testHooksAside()) == null;
    return PlanViews.of(
        acts, request.target(), chart, history, deployType, plan, changes, chartRef);
  }
}
