package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * A bare Pod: Succeeded is done (its Ready condition turns False on completion, so kstatus alone
 * would wait forever), Failed fails, otherwise the Ready condition decides.
 */
public final class PodRule implements ReadinessRule {

  @Override
  public Readiness check(GenericKubernetesResource pod) {
    String phase = Conditions.text(pod, "status", "phase");
    if ("Succeeded".equals(phase)) {
      return Readiness.ready("Succeeded");
    }
    if ("Failed".equals(phase)) {
      String reason = Conditions.text(pod, "status", "reason");
      return Readiness.failed("Failed", reason == null ? "pod failed" : reason);
    }
    if (Conditions.is(pod, "Ready", "True")) {
      return Readiness.ready(phase);
    }
    return Readiness.waiting(phase == null ? "Pending" : phase, "waiting for the pod to be Ready");
  }
}
