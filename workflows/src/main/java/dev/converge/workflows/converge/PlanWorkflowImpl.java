package dev.converge.workflows.converge;

import dev.converge.workflows.model.TextDigest;
import dev.converge.workflows.activities.ClusterActivities.InspectRequest;
import dev.converge.workflows.activities.ClusterActivities.ObjectDiff;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderActivities.RenderRequest;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.InvalidRequestException;
import dev.converge.workflows.model.OciReference;
import dev.converge.workflows.model.RequestParser;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.plan.OperationType;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.Plan.StagePlan;
import dev.converge.workflows.plan.Plan.Step;
import dev.converge.workflows.plan.PlannedOperation;
import dev.converge.workflows.planning.PlanResult;
import dev.converge.workflows.planning.PlanWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A converge up to its plan: history, render, inspect, plan, diff; no write to the cluster. */
public class PlanWorkflowImpl implements PlanWorkflow {
  /** Diffs beyond this many characters in all are cut, so a huge chart's plan stays a small payload. */
  static final int MAX_DIFF_CHARS = 200_000;
  private final ActivityStubs acts = new ActivityStubs();

  @Override
  public PlanResult plan(Object raw) {
    ConvergeRequest request = validated(raw);
    ReleaseHistory history = acts.release.history(request.target());
    DeployType deployType = DeployTypes.of(history.revisions());
    String chartRef = request.chart();
    if (chartRef.startsWith(OciReference.SCHEME)) {
      chartRef = acts.bundle.resolveChart(chartRef).chart();
    }
    RenderedChart chart = acts.render.renderRelease(
        new RenderRequest(request.withChart(chartRef), history.nextRevision(), deployType == DeployType.UPGRADE));
    Plan plan = Planning.plan(acts, request, chart, history, deployType);
    boolean changes = !Unchanged.since(history, chart, plan);
    return PlanViews.of(acts, request, chart, history, deployType, plan, changes, chartRef);
  }

  private static ConvergeRequest validated(Object raw) {
    ConvergeRequest request;
    try {
      request = RequestParser.parse(raw);
    } catch (InvalidRequestException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "InvalidRequest", e.problems());
    }
    String expected = "plan/" + request.kubeContext() + "/" + request.namespace() + "/" + request.release();
    if (!Workflow.getInfo().getWorkflowId().equals(expected)) {
      throw ApplicationFailure.newNonRetryableFailure("workflow id '" + Workflow.getInfo().getWorkflowId()
          + "' does not match the release; start it with id '" + expected + "'", "InvalidRequest");
    }
    return request;
  }
}
