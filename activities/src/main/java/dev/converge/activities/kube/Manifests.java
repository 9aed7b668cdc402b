package dev.converge.activities.kube;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Turns stored YAML and keys into fabric8 objects, and stamps release ownership on them. */
public final class Manifests {
  public static final String RELEASE_NAME = "meta.helm.sh/release-name";
  public static final String RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private Manifests() {}

  public static HasMetadata parse(String yaml) {
    return Serialization.unmarshal(yaml, HasMetadata.class);
  }

  /**
   * Why a manifest could not be read as its Kubernetes type, naming the field and never the value
   * (which may be secret) nor the client library's classes.
   */
  public static String describeParseError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
          if (ref.getFieldName() != null) {
            path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
          } else if (ref.getIndex() >= 0) {
            path.append('[').append(ref.getIndex()).append(']');
          }
        }
        String expected =
            mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? " (expected " + typeName(mismatch.getTargetType()) + ")"
                : "";
        return "field " + path + " has a value of the wrong type" + expected;
      }
    }
    return "the object cannot be read as its Kubernetes type";
  }

  private static String typeName(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  /** An object carrying only identity: enough to GET or DELETE it through the typed client. */
  public static HasMetadata stub(ResourceKey key) {
    GenericKubernetesResource generic = new GenericKubernetesResource();
    generic.setApiVersion(key.apiVersion());
    generic.setKind(key.kind());
    ObjectMeta meta = new ObjectMeta();
    meta.setName(key.name());
    meta.setNamespace(key.namespace());
    generic.setMetadata(meta);
    // Round trip so known kinds become typed (no discovery needed for them).
    return parse(Serialization.asYaml(generic));
  }

  public static void stampRelease(HasMetadata object, String release, String namespace) {
    ObjectMeta meta = object.getMetadata();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? new HashMap<>() : new HashMap<>(meta.getAnnotations());
    annotations.put(RELEASE_NAME, release);
    annotations.put(RELEASE_NAMESPACE, namespace);
    meta.setAnnotations(annotations);
    Map<String, String> labels =
        meta.getLabels() == null ? new HashMap<>() : new HashMap<>(meta.getLabels());
    labels.put(MANAGED_BY, "Helm");
    meta.setLabels(labels);
  }

  /** {@code spec.replicas}, or null when the object has none. */
  @SuppressWarnings("unchecked")
  public static Integer replicas(HasMetadata object) {
    Map<String, Object> map = Serialization.jsonMapper().convertValue(object, Map.class);
    return map.get("spec") instanceof Map<?, ?> spec && spec.get("replicas") instanceof Number n
        ? n.intValue()
        : null;
  }

  /**
   * werf.io/replicas-on-creation: only on create, so a HorizontalPodAutoscaler keeps control later.
   */
  @SuppressWarnings("unchecked")
  public static HasMetadata withReplicas(HasMetadata object, int replicas) {
    Map<String, Object> map = Serialization.jsonMapper().convertValue(object, Map.class);
    Object spec = map.computeIfAbsent("spec", k -> new HashMap<String, Object>());
    ((Map<String, Object>) spec).put("replicas", replicas);
    return parse(Serialization.asJson(map));
  }
}
