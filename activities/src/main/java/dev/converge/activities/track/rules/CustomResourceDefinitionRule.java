package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Ready when Established (its resources can be served). NamesAccepted=False means its names clash
 * with another CRD: that never resolves by waiting, so it fails.
 */
public final class CustomResourceDefinitionRule implements ReadinessRule {

  @Override
  public Readiness check(GenericKubernetesResource crd) {
    if (Conditions.is(crd, "Established", "True")) {
      return Readiness.ready("Established");
    }
    var names = Conditions.find(crd, "NamesAccepted");
    if (names.isPresent() && "False".equals(names.get().get("status"))) {
      return Readiness.failed(
          "NamesAccepted=False", "names not accepted: " + Conditions.describe(names.get()));
    }
    return Readiness.waiting(
        "not Established",
        Conditions.find(crd, "Established")
            .map(Conditions::describe)
            .orElse("waiting for condition Established"));
  }
}
