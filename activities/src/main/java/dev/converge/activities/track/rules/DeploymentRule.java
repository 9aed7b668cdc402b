package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;

/**
 * Ready when the controller saw the latest spec and every desired replica is updated and available.
 * Ours, beyond kubedog: a ProgressDeadlineExceeded fails it at once.
 */
public final class DeploymentRule {
  private DeploymentRule() {}

  public static Readiness check(Deployment deployment) {
    int desired = Numbers.replicasOrOne(deployment.getSpec().getReplicas());
    DeploymentStatus status = deployment.getStatus();
    if (status == null) {
      return Readiness.waiting("0/" + desired + " updated, 0 available", "no status yet");
    }
    int updated = Numbers.orZero(status.getUpdatedReplicas());
    int replicas = Numbers.orZero(status.getReplicas());
    int available = Numbers.orZero(status.getAvailableReplicas());
    String info = updated + "/" + desired + " updated, " + available + " available";
    Long generation = deployment.getMetadata().getGeneration();
    if (!Numbers.observed(generation, status.getObservedGeneration())) {
      // conditions still describe the previous rollout, so they are not judged yet
      return Readiness.waiting(
          info, Numbers.notObserved(generation, status.getObservedGeneration()));
    }
    DeploymentCondition deadline = progressDeadlineExceeded(status.getConditions());
    if (deadline != null) {
      return Readiness.failed(info, "ProgressDeadlineExceeded: " + deadline.getMessage());
    }
    if (updated == desired && replicas == desired && available == desired) {
      return Readiness.ready(info);
    }
    return Readiness.waiting(info, "rollout in progress, " + replicas + " replicas exist");
  }

  private static DeploymentCondition progressDeadlineExceeded(
      List<DeploymentCondition> conditions) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream()
        .filter(c -> "Progressing".equals(c.getType()))
        .filter(c -> "ProgressDeadlineExceeded".equals(c.getReason()))
        .findFirst()
        .orElse(null);
  }
}
