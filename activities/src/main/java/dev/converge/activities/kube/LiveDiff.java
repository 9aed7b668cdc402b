package dev.converge.activities.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Does a dry-run apply result differ from the live object? Runtime fields, status and the
 * helm.sh/werf.io bookkeeping annotations are ignored (docs/semantics.md#operation-per-resource),
 * so only real changes count.
 */
public final class LiveDiff {
  private LiveDiff() {}

  public static boolean differs(HasMetadata live, HasMetadata dryRun) {
    return !Objects.equals(normalized(live), normalized(dryRun));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> normalized(HasMetadata object) {
    Map<String, Object> map =
        new LinkedHashMap<>(Serialization.jsonMapper().convertValue(object, Map.class));
    map.remove("status");
    Map<String, Object> metadata = (Map<String, Object>) map.getOrDefault("metadata", Map.of());
    Map<String, Object> kept = new LinkedHashMap<>();
    Map<String, String> labels =
        new LinkedHashMap<>((Map<String, String>) metadata.getOrDefault("labels", Map.of()));
    labels.remove(Manifests.MANAGED_BY);
    kept.put("labels", labels);
    kept.put("annotations", annotations((Map<String, String>) metadata.get("annotations")));
    kept.put("finalizers", metadata.get("finalizers"));
    kept.put("ownerReferences", metadata.get("ownerReferences"));
    map.put("metadata", kept);
    return map;
  }

  private static Map<String, String> annotations(Map<String, String> annotations) {
    if (annotations == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>(annotations);
    out.keySet()
        .removeIf(
            k ->
                k.startsWith("helm.sh/")
                    || k.startsWith("werf.io/")
                    || k.startsWith("meta.helm.sh/")
                    || k.equals("kubectl.kubernetes.io/last-applied-configuration")
                    || k.equals("deployment.kubernetes.io/revision"));
    return out;
  }
}
