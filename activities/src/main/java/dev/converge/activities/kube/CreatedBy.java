package dev.converge.activities.kube;

import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whose an object is, from what is on it: a create never takes over an object someone else made
 * after the plan, and compensation never deletes one. Pure, so both branches are tested without a
 * cluster.
 */
final class CreatedBy {
  private CreatedBy() {}

  /** Stamped for this release: what its own apply (or an earlier attempt of it) wrote. */
  static boolean release(HasMetadata live, ReleaseTarget target) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    return annotations != null
        && target.release().equals(annotations.get(Manifests.RELEASE_NAME))
        && target.namespace().equals(annotations.get(Manifests.RELEASE_NAMESPACE));
  }

  /**
   * Field managers other than converge's (Helm's name) that wrote the object itself, not its
   * status.
   */
  static List<String> otherWriters(HasMetadata live) {
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
    if (entries == null) {
      return List.of();
    }
    return entries.stream()
        .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
        .map(ManagedFieldsEntry::getManager)
        .filter(m -> !Objects.equals(m, ClusterActivitiesImpl.FIELD_MANAGER))
        .distinct()
        .toList();
  }

  /**
   * An object found where the plan saw none: ours only when an earlier attempt of this very apply
   * made it (our release stamp, and converge its first writer: controllers write after us, as the
   * Deployment controller does its revision annotation); anything else is someone else's.
   */
  static boolean earlierAttempt(HasMetadata live, ReleaseTarget target, boolean releaseOwned) {
    return (!releaseOwned || release(live, target)) && firstWriterIsUs(live);
  }

  private static boolean firstWriterIsUs(HasMetadata live) {
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
    if (entries == null || entries.isEmpty()) {
      return true; // no record of writers (API servers always keep one): the release stamp decides
    }
    String first =
        entries.stream()
            .map(ManagedFieldsEntry::getTime)
            .filter(Objects::nonNull)
            .min(String::compareTo)
            .orElse(null);
    // RFC 3339 UTC times of one format compare as strings; second resolution, a tie counts for us.
    return entries.stream()
        .anyMatch(
            e ->
                ClusterActivitiesImpl.FIELD_MANAGER.equals(e.getManager())
                    && "Apply".equals(e.getOperation())
                    && (first == null || Objects.equals(first, e.getTime())));
  }

  static String foreign(HasMetadata live) {
    List<String> writers = otherWriters(live);
    return "created by someone else after this run's plan (uid "
        + live.getMetadata().getUid()
        + (writers.isEmpty() ? "" : ", written by " + String.join(", ", writers))
        + "): not taken over, left as it is";
  }
}
