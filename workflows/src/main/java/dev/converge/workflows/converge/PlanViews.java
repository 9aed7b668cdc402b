package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ClusterActivities.InspectRequest;
import dev.converge.workflows.activities.ClusterActivities.ObjectDiff;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.TextDigest;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.Plan.StagePlan;
import dev.converge.workflows.plan.Plan.Step;
import dev.converge.workflows.plan.PlannedOperation;
import dev.converge.workflows.planning.PlanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plan as people read it (operations, per-object diffs from DiffResources) and its digest. */
final class PlanViews {
  /** Diffs beyond this many characters in all are cut, so a huge chart's plan stays readable. */
  static final int MAX_DIFF_CHARS = 200_000;

  private PlanViews() {}

  static PlanResult of(
      ActivityStubs acts,
      ReleaseTarget target,
      RenderedChart chart,
      ReleaseHistory history,
      DeployType deployType,
      Plan plan,
      boolean changes,
      String chartRef) {
    List<PlanResult.Operation> operations = new ArrayList<>();
    Map<String, ResourceKey> written = new LinkedHashMap<>();
    // Unchanged: a converge would be SKIPPED, so nothing is listed (not even hooks, which re-run on
    // every deploy).
    for (StagePlan stage : changes ? plan.stages() : List.<StagePlan>of()) {
      for (Step step : stage.steps()) {
        for (PlannedOperation op : step.operations()) {
          if (op.type() != OperationType.NONE) {
            operations.add(
                new PlanResult.Operation(
                    stage.stage().name(),
                    step.name(),
                    op.type().name().toLowerCase(),
                    op.key().display()));
            written.put(op.id(), op.key());
          }
        }
      }
    }
    List<PlanResult.Diff> diffs = new ArrayList<>();
    if (!written.isEmpty()) {
      int chars = 0;
      for (ObjectDiff diff :
          acts.cluster.diff(
              new InspectRequest(target, chart.bundleDigest(), List.copyOf(written.values())))) {
        if (diff == null) {
          continue;
        }
        String text =
            chars > MAX_DIFF_CHARS
                ? "(left out: the plan's diffs exceed " + MAX_DIFF_CHARS + " characters)\n"
                : diff.diff();
        chars += text.length();
        diffs.add(new PlanResult.Diff(written.get(diff.id()).display(), diff.change(), text));
      }
    }
    String digest = TextDigest.sha256(operations + "\n" + diffs);
    return new PlanResult(
        target.release(),
        target.namespace(),
        target.kubeContext(),
        chartRef,
        changes ? history.nextRevision() : history.last().version(),
        deployType,
        changes,
        changes ? 2 : 0,
        operations,
        diffs,
        digest);
  }
}
