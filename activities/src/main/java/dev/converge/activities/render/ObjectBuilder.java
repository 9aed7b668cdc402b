package dev.converge.activities.render;

import dev.converge.activities.kube.ClusterScopedKinds;
import dev.converge.activities.manifest.RenderedRelease.RenderedObject;
import dev.converge.activities.manifest.SecretData;
import dev.converge.registry.Digests;
import dev.converge.workflows.contract.Annotations;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rendered documents into objects (docs/semantics.md#transform-objects): {@code List} kinds
 * expanded, Secret stringData moved into data, the release namespace filled in for namespaced
 * kinds; each checked for apiVersion, kind and name, and for a duplicate id. Not thread-safe: one
 * per render.
 */
final class ObjectBuilder {
  private final String namespace;
  private final Set<String> clusterScopedCrdKinds;
  private final List<Built> built = new ArrayList<>();
  private final Map<String, String> whereById = new HashMap<>();

  /** One object as both halves need it: metadata for the workflow, YAML for the bundle. */
  record Built(ResourceMeta meta, RenderedObject object) {}

  ObjectBuilder(String namespace, Set<String> clusterScopedCrdKinds) {
    this.namespace = namespace;
    this.clusterScopedCrdKinds = clusterScopedCrdKinds;
  }

  /**
   * @param where how to name the document in errors, e.g. {@code shop/templates/a.yaml document 2}
   * @param hook whether the document is a Helm hook (then so are the items of a hook List)
   */
  void add(String source, String where, Object body, boolean hook, boolean fromCrdsDir) {
    add(source, where, body, hook, fromCrdsDir, null);
  }

  /**
   * @param helmText the document as Helm rendered it, kept for hooks' release record
   */
  void add(
      String source,
      String where,
      Object body,
      boolean hook,
      boolean fromCrdsDir,
      String helmText) {
    if (body == null) {
      return; // an empty document or one with only comments
    }
    if (!(body instanceof Map<?, ?> raw)) {
      throw RenderFailures.failed(where + ": a Kubernetes object must be a map");
    }
    Map<String, Object> object = Yamls.mutableCopy(Yamls.asMap(raw));
    String kind = requireText(object, "kind", where);
    if (kind.endsWith("List") && object.get("items") instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        add(source, where + " item " + (i + 1), items.get(i), hook, fromCrdsDir);
      }
      return;
    }
    String apiVersion = requireText(object, "apiVersion", where);
    Map<String, Object> metadata = metadata(object, where);
    String name = requireText(metadata, "metadata.name", "name", where);
    Map<String, String> annotations = annotations(metadata);
    if (kind.equals("Secret") && apiVersion.equals("v1")) {
      SecretData.moveStringData(object);
    }
    ResourceKey key =
        new ResourceKey(apiVersion, kind, objectNamespace(apiVersion, kind, metadata), name);
    String previous = whereById.putIfAbsent(key.id(), where);
    if (previous != null) {
      throw RenderFailures.failed(
          "duplicate resource " + key.display() + ": rendered by " + previous + " and " + where);
    }
    String yaml = Yamls.canonicalYaml(object);
    boolean isHook = hook || annotations.containsKey(Annotations.HOOK);
    ResourceMeta meta =
        new ResourceMeta(
            key, source, annotations, fromCrdsDir, Digests.ofObject(object), replicas(object));
    built.add(
        new Built(
            meta,
            new RenderedObject(
                key.id(), source, yaml, isHook, fromCrdsDir, isHook ? helmText : null)));
  }

  List<Built> objects() {
    return List.copyOf(built);
  }

  /** Cluster-scoped kinds get no namespace; namespaced ones without one get the release's. */
  private String objectNamespace(String apiVersion, String kind, Map<String, Object> metadata) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    if (ClusterScopedKinds.isClusterScoped(group, kind, clusterScopedCrdKinds)) {
      return null;
    }
    if (!(metadata.get("namespace") instanceof String ns) || ns.isBlank()) {
      metadata.put("namespace", namespace);
      return namespace;
    }
    return ns;
  }

  private static Map<String, Object> metadata(Map<String, Object> object, String where) {
    if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
      throw RenderFailures.failed(where + ": metadata is missing");
    }
    return Yamls.asMap(metadata);
  }

  private static Map<String, String> annotations(Map<String, Object> metadata) {
    Map<String, String> out = new LinkedHashMap<>();
    if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
      annotations.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    return out;
  }

  private static Integer replicas(Map<String, Object> object) {
    if (object.get("spec") instanceof Map<?, ?> spec && spec.get("replicas") instanceof Number n) {
      if (n instanceof Integer || n instanceof Long && n.longValue() == n.intValue()) {
        return n.intValue();
      }
    }
    return null;
  }

  private static String requireText(Map<String, Object> map, String field, String where) {
    return requireText(map, field, field, where);
  }

  private static String requireText(
      Map<String, Object> map, String label, String field, String where) {
    if (map.get(field) instanceof String text && !text.isBlank()) {
      return text;
    }
    throw RenderFailures.failed(where + ": " + label + " is missing");
  }
}
