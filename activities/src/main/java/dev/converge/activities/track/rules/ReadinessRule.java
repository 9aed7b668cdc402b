package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Readiness of one kind, as a pure function of the object's state
 * (docs/semantics.md#readiness-rules).
 */
@FunctionalInterface
public interface ReadinessRule {

  Readiness check(GenericKubernetesResource object);
}
