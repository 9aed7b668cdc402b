package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities.InspectRequest;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.plan.Classifier;
import dev.converge.workflows.plan.Classifier.Classification;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.PlanBuilder;
import dev.converge.workflows.plan.Readings;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classify what is to be deployed, ask the cluster about it (InspectCluster), build the pure plan.
 */
final class Planning {
  /**
   * Version 1: the annotations of nelm 1.31 that converge lacked are read (a legacy dependency
   * changes the plan's order, a bad value fails it).
   */
  static final String NELM_131_ANNOTATIONS = "nelm-1-31-annotations";

  private Planning() {}

  static Plan plan(
      ActivityStubs acts,
      ReleaseTarget target,
      String chartLabel,
      RenderedChart chart,
      ReleaseHistory history,
      DeployType deployType) {
    // Version 1: nelm 1.31's annotations; 2: delete dependencies too.
    Readings readings =
        Readings.ofVersion(Workflow.getVersion(NELM_131_ANNOTATIONS, Workflow.DEFAULT_VERSION, 2));
    Classification current = Classifier.classify(chart.resources(), target.namespace(), readings);
    if (!current.errors().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "chart "
              + chartLabel
              + " has invalid resources:\n  "
              + String.join("\n  ", current.errors()),
          "PlanFailed");
    }
    // The old chart's own annotation mistakes must not block a fix.
    Classification previous =
        Classifier.classify(history.lastResources(), target.namespace(), readings);
    Map<String, ResourceKey> keys = new LinkedHashMap<>();
    current.resources().forEach(r -> keys.put(r.id(), r.key()));
    previous.resources().forEach(r -> keys.putIfAbsent(r.id(), r.key()));
    Map<String, LiveState> live = new HashMap<>();
    for (LiveState state :
        acts.cluster.inspect(
            new InspectRequest(target, chart.bundleDigest(), List.copyOf(keys.values())))) {
      live.put(state.id(), state);
    }
    boolean lastFailed =
        history.last() != null && history.last().revisionStatus() == RevisionStatus.FAILED;
    Plan built =
        PlanBuilder.build(
            new PlanBuilder.Input(
                target.release(),
                target.namespace(),
                deployType,
                current.resources(),
                previous.resources(),
                live,
                lastFailed));
    if (!built.errors().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot converge " + target.release() + ":\n  " + String.join("\n  ", built.errors()),
          "PlanFailed");
    }
    return built;
  }
}
