package dev.converge.activities.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.workflows.activities.ClusterActivities.ObjectDiff;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a plan shows of one object: the live object against the server-side dry-run of the new one,
 * both without status, managed fields and bookkeeping (as {@link LiveDiff} compares them). Secret
 * data never appears: each value reads {@code ***}, marked when it changes; values at {@code
 * werf.io/sensitive-paths} are masked too. Read-only.
 */
final class Differ {
  static final int MAX_LINES = 300;
  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private final KubernetesClient client;

  Differ(KubernetesClient client) {
    this.client = client;
  }

  ObjectDiff diff(ResourceKey key, Optional<RenderedRelease.RenderedObject> manifest) {
    try {
      HasMetadata live = client.resource(Manifests.stub(key)).get();
      if (manifest.isEmpty()) {
        return live == null
            ? null
            : new ObjectDiff(key.id(), "delete", cap(TextDiff.unified(text(live, null, true), "")));
      }
      Set<String> sensitive = Sensitive.values(manifest.get().yaml());
      HasMetadata desired = Manifests.parse(manifest.get().yaml());
      HasMetadata result;
      try {
        result =
            client
                .resource(desired)
                .dryRun()
                .fieldManager(ClusterActivitiesImpl.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
      } catch (KubernetesClientException e) {
        // A missing namespace (first install) or a refusal: show the object as rendered.
        result = desired;
        if (Failing.isRejection(e) && !Failing.isMissingNamespace(e)) {
          return new ObjectDiff(key.id(), "refused", Sensitive.scrub(Failing.reason(e), sensitive));
        }
      }
      if (live == null) {
        return new ObjectDiff(
            key.id(),
            "create",
            cap(Sensitive.scrub(TextDiff.unified("", text(result, null, false)), sensitive)));
      }
      if (!LiveDiff.differs(live, result)) {
        return new ObjectDiff(key.id(), "unchanged", "");
      }
      String before = text(live, result, true);
      String after = text(result, live, false);
      return new ObjectDiff(
          key.id(), "update", cap(Sensitive.scrub(TextDiff.unified(before, after), sensitive)));
    } catch (KubernetesClientException e) {
      if (Failing.isUnknownType(e)) {
        return new ObjectDiff(
            key.id(),
            "create",
            "(its kind is defined by a CustomResourceDefinition of this release)\n");
      }
      throw e;
    }
  }

  /**
   * YAML of the normalized object; Secret values masked, marked where they differ from {@code
   * other}.
   */
  @SuppressWarnings("unchecked")
  static String text(HasMetadata object, HasMetadata other, boolean before) {
    Map<String, Object> map = LiveDiff.normalized(object);
    if ("Secret".equals(object.getKind())) {
      Map<String, Object> otherMap = other == null ? Map.of() : LiveDiff.normalized(other);
      for (String field : new String[] {"data", "stringData"}) {
        Map<String, Object> values = (Map<String, Object>) map.get(field);
        Map<String, Object> otherValues =
            (Map<String, Object>) otherMap.getOrDefault(field, Map.of());
        if (values != null) {
          Map<String, Object> masked = new LinkedHashMap<>();
          for (String k : new TreeSet<>(values.keySet())) {
            boolean changed =
                other != null
                    && !Objects.equals(
                        values.get(k), otherValues == null ? null : otherValues.get(k));
            masked.put(k, changed && !before ? "*** (changed)" : "***");
          }
          map.put(field, masked);
        }
      }
    }
    if (map.get("metadata") instanceof Map<?, ?> metadata) {
      Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) metadata);
      meta.values().removeIf(v -> v == null || (v instanceof Map<?, ?> m && m.isEmpty()));
      if (meta.isEmpty()) {
        map.remove("metadata");
      } else {
        map.put("metadata", meta);
      }
    }
    try {
      return YAML.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cap(String diff) {
    String[] lines = diff.split("\n", -1);
    if (lines.length <= MAX_LINES) {
      return diff;
    }
    return String.join("\n", Arrays.copyOf(lines, MAX_LINES))
        + "\n  ... ("
        + (lines.length - MAX_LINES)
        + " more lines)\n";
  }
}
