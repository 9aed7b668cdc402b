package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code status.conditions} of any object without knowing its type, so one rule serves every
 * apiVersion of a kind and kinds we have no model class for.
 */
final class Conditions {
  private Conditions() {}

  /** The condition of that type, if the object has one. */
  static Optional<Map<String, Object>> find(GenericKubernetesResource object, String type) {
    Object raw = object.get("status", "conditions");
    if (!(raw instanceof List<?> list)) {
      return Optional.empty();
    }
    for (Object item : list) {
      if (item instanceof Map<?, ?> map && type.equals(map.get("type"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> condition = (Map<String, Object>) map;
        return Optional.of(condition);
      }
    }
    return Optional.empty();
  }

  static boolean any(GenericKubernetesResource object) {
    return object.get("status", "conditions") instanceof List<?> list && !list.isEmpty();
  }

  static boolean is(GenericKubernetesResource object, String type, String status) {
    return find(object, type).map(c -> status.equals(c.get("status"))).orElse(false);
  }

  /** {@code Reason: message} of a condition, the way people read it. */
  static String describe(Map<String, Object> condition) {
    Object reason = condition.get("reason");
    Object message = condition.get("message");
    if (reason == null) {
      return message == null ? String.valueOf(condition.get("type")) : message.toString();
    }
    return message == null ? reason.toString() : reason + ": " + message;
  }

  /** A field of status as text, or null. */
  static String text(GenericKubernetesResource object, Object... path) {
    Object value = object.get(path);
    return value == null ? null : value.toString();
  }

  /** Generation fields are numbers in JSON; absent means "not tracked by this kind". */
  static Long number(GenericKubernetesResource object, Object... path) {
    return object.get(path) instanceof Number n ? n.longValue() : null;
  }
}
