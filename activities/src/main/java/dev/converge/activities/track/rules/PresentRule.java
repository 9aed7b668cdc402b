package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Kinds without a rule of their own: ready as soon as the object exists. */
public final class PresentRule implements ReadinessRule {

  @Override
  public Readiness check(GenericKubernetesResource object) {
    return Readiness.ready("present");
  }
}
