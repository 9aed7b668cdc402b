package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.contract.Annotations;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.ResourceMeta;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.Stage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * docs/semantics.md#skip-when-unchanged: the last revision is deployed with the same manifests,
 * values and hooks, and nothing needs applying or tracking. Hooks always plan a recreate, so they
 * are compared by content instead of by plan.
 */
final class Unchanged {
  private Unchanged() {}

  static boolean since(ReleaseHistory history, RenderedChart chart, Plan plan) {
    RevisionInfo last = history.last();
    if (last == null || last.revisionStatus() != RevisionStatus.DEPLOYED) {
      return false;
    }
    if (!chart.manifestDigest().equals(last.manifestDigest())
        || !chart.valuesDigest().equals(last.valuesDigest())) {
      return false;
    }
    if (!hooks(chart.resources()).equals(hooks(history.lastResources()))) {
      return false;
    }
    return plan.stages().stream()
        .filter(s -> s.stage() != Stage.PRE_HOOKS && s.stage() != Stage.POST_HOOKS)
        .flatMap(s -> s.steps().stream())
        .flatMap(s -> s.operations().stream())
        .allMatch(op -> op.type() == OperationType.NONE && !op.track());
  }

  private static Set<String> hooks(List<ResourceMeta> resources) {
    return resources.stream()
        .filter(r -> r.annotation(Annotations.HOOK) != null)
        .map(r -> r.key().id() + "@" + r.digest())
        .collect(Collectors.toSet());
  }
}
