package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Any kind without a rule of its own, by the kstatus conventions most controllers follow: the
 * controller must have seen the latest generation (when the object reports one), Stalled=True
 * fails, Ready=True is ready, Reconciling=True or Ready=False waits. No conditions at all: ready
 * when present (ConfigMaps, Secrets, RBAC objects have no status).
 */
public final class KstatusRule implements ReadinessRule {

  @Override
  public Readiness check(GenericKubernetesResource object) {
    Long generation = object.getMetadata() == null ? null : object.getMetadata().getGeneration();
    Long observed = Conditions.number(object, "status", "observedGeneration");
    if (generation != null && observed != null && observed < generation) {
      return Readiness.waiting("not observed", Numbers.notObserved(generation, observed));
    }
    var stalled = Conditions.find(object, "Stalled");
    if (stalled.isPresent() && "True".equals(stalled.get().get("status"))) {
      return Readiness.failed("Stalled", Conditions.describe(stalled.get()));
    }
    var ready = Conditions.find(object, "Ready");
    if (ready.isPresent() && "True".equals(ready.get().get("status"))) {
      return Readiness.ready("Ready");
    }
    var reconciling = Conditions.find(object, "Reconciling");
    if (reconciling.isPresent() && "True".equals(reconciling.get().get("status"))) {
      return Readiness.waiting("Reconciling", Conditions.describe(reconciling.get()));
    }
    if (ready.isPresent()) {
      return Readiness.waiting("not Ready", Conditions.describe(ready.get()));
    }
    return Readiness.ready("present");
  }
}
