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
 * are compared by content instead of by plan. Test hooks never run in a converge and often carry a
 * random name (podinfo's), so with {@code testHooksAside} they are left out of that comparison.
 */
final class Unchanged {
  private Unchanged() {}

  /** Why this converge changes nothing, for the report; null when it changes something. */
  static String why(
      ReleaseHistory history, RenderedChart chart, Plan plan, boolean testHooksAside) {
    RevisionInfo last = history.last();
    if (last == null || last.revisionStatus() != RevisionStatus.DEPLOYED) {
      return null;
    }
    if (!chart.manifestDigest().equals(last.manifestDigest())
        || !chart.valuesDigest().equals(last.valuesDigest())) {
      return null;
    }
    if (!hooks(chart.resources(), testHooksAside)
        .equals(hooks(history.lastResources(), testHooksAside))) {
      return null;
    }
    boolean nothingToDo =
        plan.stages().stream()
            .filter(s -> s.stage() != Stage.PRE_HOOKS && s.stage() != Stage.POST_HOOKS)
            .flatMap(s -> s.steps().stream())
            .flatMap(s -> s.operations().stream())
            .allMatch(op -> op.type() == OperationType.NONE && !op.track());
    return nothingToDo
        ? "nothing to change: revision "
            + last.version()
            + " is deployed with the same manifests, values and hooks, and every object in the"
            + " cluster is as rendered; no revision written"
        : null;
  }

  private static Set<String> hooks(List<ResourceMeta> resources, boolean testHooksAside) {
    return resources.stream()
        .filter(r -> r.annotation(Annotations.HOOK) != null)
        .filter(r -> !(testHooksAside && testOnly(r.annotation(Annotations.HOOK))))
        .map(r -> r.key().id() + "@" + r.digest())
        .collect(Collectors.toSet());
  }

  private static boolean testOnly(String events) {
    for (String event : events.split(",")) {
      String e = event.trim();
      if (!e.equals("test") && !e.equals("test-success")) {
        return false;
      }
    }
    return true;
  }
}
