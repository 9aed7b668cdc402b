package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Ready unless ScalingActive is False (it cannot compute a replica count, e.g. no metrics). Read
 * generically: autoscaling/v1 objects carry no conditions and are ready when present.
 */
public final class HorizontalPodAutoscalerRule implements ReadinessRule {

  @Override
  public Readiness check(GenericKubernetesResource hpa) {
    String info =
        "replicas " + orZero(hpa, "currentReplicas") + " -> " + orZero(hpa, "desiredReplicas");
    var active = Conditions.find(hpa, "ScalingActive");
    if (active.isPresent() && "False".equals(active.get().get("status"))) {
      return Readiness.waiting(info, "ScalingActive=False: " + Conditions.describe(active.get()));
    }
    return Readiness.ready(info);
  }

  private static long orZero(GenericKubernetesResource hpa, String field) {
    Long value = Conditions.number(hpa, "status", field);
    return value == null ? 0 : value;
  }
}
