package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Ready when Bound; Lost (its volume is gone) is a failure nothing will repair by waiting. Ours:
 * kubedog does not track PVCs.
 */
public final class PersistentVolumeClaimRule implements ReadinessRule {

  @Override
  public Readiness check(GenericKubernetesResource claim) {
    String phase = Conditions.text(claim, "status", "phase");
    if (phase == null) {
      return Readiness.waiting("no phase", "no status yet");
    }
    return switch (phase) {
      case "Bound" -> Readiness.ready("Bound to " + claim.get("spec", "volumeName"));
      case "Lost" -> Readiness.failed("Lost", "the bound PersistentVolume no longer exists");
      default -> Readiness.waiting(phase, "waiting for a volume to be bound");
    };
  }
}
