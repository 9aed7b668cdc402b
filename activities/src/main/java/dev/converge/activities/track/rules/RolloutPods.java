package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pods of a Deployment's newest ReplicaSet. During a rollout the old ReplicaSet's pods share
 * the selector; their crashes say nothing about the new version and must not fail it. Pure.
 */
public final class RolloutPods {
  static final String REVISION = "deployment.kubernetes.io/revision";

  private RolloutPods() {}

  /**
   * @param pods the pods matching the Deployment's selector
   * @return the newest ReplicaSet's pods; all {@code pods} when the Deployment owns no ReplicaSet
   *     we can see (nothing to tell apart then, and hiding failures would be worse)
   */
  public static List<Pod> current(
      GenericKubernetesResource deployment, List<ReplicaSet> sets, List<Pod> pods) {
    String uid = deployment.getMetadata().getUid();
    List<ReplicaSet> owned = sets.stream().filter(rs -> controlledBy(rs, uid)).toList();
    if (owned.isEmpty()) {
      return pods;
    }
    Optional<ReplicaSet> newest = newest(deployment, sets);
    if (newest.isEmpty()) {
      return List.of();
    }
    String newestUid = newest.get().getMetadata().getUid();
    return pods.stream().filter(pod -> controlledBy(pod, newestUid)).toList();
  }

  /** Of the ReplicaSets it owns: the one of the Deployment's revision, else the highest one. */
  public static Optional<ReplicaSet> newest(
      GenericKubernetesResource deployment, List<ReplicaSet> sets) {
    String uid = deployment.getMetadata().getUid();
    List<ReplicaSet> owned = sets.stream().filter(rs -> controlledBy(rs, uid)).toList();
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    String revision = annotations == null ? null : annotations.get(REVISION);
    if (revision != null) {
      Optional<ReplicaSet> exact =
          owned.stream().filter(rs -> revision.equals(revisionOf(rs))).findFirst();
      if (exact.isPresent()) {
        return exact;
      }
    }
    return owned.stream().max(Comparator.comparingLong(RolloutPods::revisionNumber));
  }

  private static boolean controlledBy(HasMetadata object, String ownerUid) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return ownerUid != null
        && owners != null
        && owners.stream()
            .anyMatch(o -> ownerUid.equals(o.getUid()) && !Boolean.FALSE.equals(o.getController()));
  }

  private static String revisionOf(ReplicaSet set) {
    Map<String, String> annotations = set.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(REVISION);
  }

  private static long revisionNumber(ReplicaSet set) {
    try {
      String revision = revisionOf(set);
      return revision == null ? -1 : Long.parseLong(revision);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
