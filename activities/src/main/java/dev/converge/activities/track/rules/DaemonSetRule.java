package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;

/**
 * Ready at once unless it rolls updates itself; then ready when every scheduled pod is updated and
 * available.
 */
public final class DaemonSetRule {
  private DaemonSetRule() {}

  public static Readiness check(DaemonSet set) {
    DaemonSetStatus status = set.getStatus();
    DaemonSetUpdateStrategy strategy = set.getSpec().getUpdateStrategy();
    String type =
        strategy == null || strategy.getType() == null ? "RollingUpdate" : strategy.getType();
    if (!"RollingUpdate".equals(type)) {
      // OnDelete: nothing will change until pods are deleted by hand, so waiting is pointless
      return Readiness.ready(type + ": not waited for");
    }
    if (status == null) {
      return Readiness.waiting("0/0 updated, 0 available", "no status yet");
    }
    int desired = Numbers.orZero(status.getDesiredNumberScheduled());
    int updated = Numbers.orZero(status.getUpdatedNumberScheduled());
    int available = Numbers.orZero(status.getNumberAvailable());
    String info = updated + "/" + desired + " updated, " + available + " available";
    Long generation = set.getMetadata().getGeneration();
    if (!Numbers.observed(generation, status.getObservedGeneration())) {
      return Readiness.waiting(
          info, Numbers.notObserved(generation, status.getObservedGeneration()));
    }
    if (updated == desired && available == desired) {
      return Readiness.ready(info);
    }
    return Readiness.waiting(info, "rollout in progress on " + desired + " nodes");
  }
}
