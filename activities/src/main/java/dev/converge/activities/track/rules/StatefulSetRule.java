package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;

/**
 * Ready when the controller saw the latest spec, enough replicas are ready and the rolling update
 * is done: up to the partition when there is one, else all pods on the update revision.
 */
public final class StatefulSetRule {
  private StatefulSetRule() {}

  public static Readiness check(StatefulSet set) {
    int desired = Numbers.replicasOrOne(set.getSpec().getReplicas());
    StatefulSetStatus status = set.getStatus();
    if (status == null) {
      return Readiness.waiting("Ready 0/" + desired, "no status yet");
    }
    int ready = Numbers.orZero(status.getReadyReplicas());
    int updated = Numbers.orZero(status.getUpdatedReplicas());
    String info = "Ready " + ready + "/" + desired + ", " + updated + " updated";
    Long generation = set.getMetadata().getGeneration();
    if (!Numbers.observed(generation, status.getObservedGeneration())) {
      return Readiness.waiting(
          info, Numbers.notObserved(generation, status.getObservedGeneration()));
    }
    if (ready < desired) {
      return Readiness.waiting(info, "waiting for ready replicas");
    }
    StatefulSetUpdateStrategy strategy = set.getSpec().getUpdateStrategy();
    String type =
        strategy == null || strategy.getType() == null ? "RollingUpdate" : strategy.getType();
    if (!"RollingUpdate".equals(type)) {
      return Readiness.ready(info); // OnDelete: pods change only when someone deletes them
    }
    Integer partition =
        strategy == null || strategy.getRollingUpdate() == null
            ? null
            : strategy.getRollingUpdate().getPartition();
    if (partition != null) {
      int expected = desired - partition;
      return updated >= expected
          ? Readiness.ready(info)
          : Readiness.waiting(
              info, "waiting for " + expected + " updated replicas (partition " + partition + ")");
    }
    if (status.getUpdateRevision() != null
        && status.getUpdateRevision().equals(status.getCurrentRevision())) {
      return Readiness.ready(info);
    }
    return Readiness.waiting(
        info,
        "rolling update: current revision "
            + status.getCurrentRevision()
            + ", update revision "
            + status.getUpdateRevision());
  }
}
