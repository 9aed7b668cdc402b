package dev.converge.activities.track;

import dev.converge.activities.track.rules.KstatusRule;
import dev.converge.activities.track.rules.ReadinessRules;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Set;

/**
 * Kinds that have no status: present is ready (kstatus), and the apply that returned the object's
 * uid has already shown it present. Tracking them needs no watch: for a chart of mostly ConfigMaps
 * and Secrets, their LIST and WATCH per namespace and their place in every pass were a good part of
 * the tracking's work, for a verdict known before it started.
 */
final class Statusless {
  private static final Set<String> KINDS =
      Set.of(
          "/ConfigMap",
          "/Secret",
          "/ServiceAccount",
          "rbac.authorization.k8s.io/Role",
          "rbac.authorization.k8s.io/RoleBinding",
          "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/ClusterRoleBinding");

  private Statusless() {}

  /** Applied by this run (its uid known) and of a kind whose readiness is being present. */
  static boolean settledByApply(TrackItem item) {
    if (item.appliedUid() == null) {
      return false;
    }
    String group = item.key().group();
    return KINDS.contains(group + "/" + item.key().kind())
        && ReadinessRules.forKind(group, item.key().kind()) instanceof KstatusRule;
  }

  /** The object as the apply returned it, as far as readiness looks at it. */
  static GenericKubernetesResource asApplied(TrackItem item) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(item.key().apiVersion());
    object.setKind(item.key().kind());
    object.setMetadata(
        new ObjectMetaBuilder()
            .withName(item.key().name())
            .withNamespace(item.key().namespace())
            .withUid(item.appliedUid())
            .withGeneration(item.appliedGeneration())
            .build());
    return object;
  }
}
