package dev.converge.activities.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.activities.kube.Sensitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The drift of one object of a release (docs/semantics.md#drift): where the live object differs
 * from what a server-side apply of the stored object would make it, over the fields converge owns
 * in that would-be object (its field manager's {@code Apply} entry). What another manager owns (an
 * HPA's replicas, a label a controller adds, status) is never drift; an object that is gone is.
 * Secret values and {@code werf.io/sensitive-paths} are masked in what it reports. Pure.
 */
public final class DriftCompare {
  /** On an object, {@code ignore}: it is never drift. */
  public static final String ANNOTATION = "converge.dev/drift";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object ABSENT = new Object();

  /** A value in a set-list ({@code v:} in managed fields). */
  private record SetValue(Object value) {}

  /**
   * @param pointer JSON pointer into the object ({@code /spec/template/spec/containers/0/image})
   * @param expected what applying the stored object makes it, as JSON; null when absent
   * @param actual what the live object holds, as JSON; null when absent
   */
  public record Change(String pointer, String expected, String actual) {}

  private static final String DATA = "/data/";
  private static final String STRING_DATA = "/stringData/";

  /**
   * @param missing the object is gone from the cluster
   * @param ignored the live object says {@code converge.dev/drift: ignore}
   */
  public record Result(boolean missing, boolean ignored, List<Change> changes) {
    public boolean drifted() {
      return !ignored && (missing || !changes.isEmpty());
    }
  }

  private DriftCompare() {}

  /**
   * @param wouldBe the server's answer to a dry-run apply of the stored object
   * @param live the object as the cluster holds it; null when it is gone
   * @param manager converge's field manager ({@code helm})
   * @param ignored JSON pointers never compared (an ignore rule matches itself and what is below)
   */
  public static Result compare(
      Map<String, Object> wouldBe, Map<String, Object> live, String manager, List<String> ignored) {
    if (live == null) {
      return new Result(true, false, List.of());
    }
    if ("ignore".equals(annotations(live).get(ANNOTATION))) {
      return new Result(false, true, List.of());
    }
    Set<String> secrets = new LinkedHashSet<>(Sensitive.values(wouldBe));
    secrets.addAll(Sensitive.values(live));
    boolean secret = "Secret".equals(wouldBe.get("kind"));
    Map<String, Change> changes = new LinkedHashMap<>();
    for (List<Object> owned : ownedLeaves(wouldBe, manager)) {
      List<Object> path = secret ? secretData(owned) : owned;
      String pointer = pointer(wouldBe, path);
      if (pointer == null || ignored.stream().anyMatch(rule -> covers(rule, pointer))) {
        continue;
      }
      Object expected = valueAt(wouldBe, path);
      Object actual = valueAt(live, path);
      if (Objects.equals(expected, actual)) {
        continue;
      }
      if (actual == null) {
        // Gone from the live object: report the outermost part that is gone, once.
        path = outermostAbsent(live, path);
        expected = valueAt(wouldBe, path);
      }
      String at = pointer(wouldBe, path);
      boolean masked = secret && (at.startsWith(DATA) || at.startsWith(STRING_DATA));
      changes.putIfAbsent(
          at, new Change(at, shown(expected, masked, secrets), shown(actual, masked, secrets)));
    }
    return new Result(false, false, List.copyOf(changes.values()));
  }

  /** The API server folds {@code stringData} into {@code data}; the applier still owns the key. */
  private static List<Object> secretData(List<Object> path) {
    if (path.size() == 2 && "stringData".equals(path.get(0))) {
      return List.of("data", path.get(1));
    }
    return path;
  }

  private static List<Object> outermostAbsent(Map<String, Object> live, List<Object> path) {
    for (int i = 1; i <= path.size(); i++) {
      if (valueAt(live, path.subList(0, i)) == null) {
        return path.subList(0, i);
      }
    }
    return path;
  }

  /** The leaf paths of the fields {@code manager} owns by {@code Apply} in the object. */
  @SuppressWarnings("unchecked")
  static List<List<Object>> ownedLeaves(Map<String, Object> object, String manager) {
    List<List<Object>> out = new ArrayList<>();
    Object metadata = object.get("metadata");
    if (!(metadata instanceof Map<?, ?> meta)
        || !(meta.get("managedFields") instanceof List<?> all)) {
      return out;
    }
    for (Object entry : all) {
      if (entry instanceof Map<?, ?> e
          && manager.equals(e.get("manager"))
          && "Apply".equals(e.get("operation"))
          && e.get("fieldsV1") instanceof Map<?, ?> fields) {
        leaves((Map<String, Object>) fields, new ArrayList<>(), out);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void leaves(
      Map<String, Object> fields, List<Object> prefix, List<List<Object>> out) {
    boolean children = false;
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      String key = field.getKey();
      if (key.equals(".")) {
        continue;
      }
      Object step = step(key);
      if (step == null) {
        continue;
      }
      children = true;
      List<Object> path = new ArrayList<>(prefix);
      path.add(step);
      leaves(
          field.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), path, out);
    }
    if (!children && !prefix.isEmpty()) {
      out.add(prefix);
    }
  }

  /**
   * {@code f:name} a field, {@code k:{...}} a list element by its keys, {@code v:...} a set value,
   * {@code i:n} an index.
   */
  private static Object step(String key) {
    try {
      return switch (key.substring(0, Math.min(2, key.length()))) {
        case "f:" -> key.substring(2);
        case "k:" -> JSON.readValue(key.substring(2), Map.class);
        case "v:" -> new SetValue(JSON.readValue(key.substring(2), Object.class));
        case "i:" -> Integer.valueOf(key.substring(2));
        default -> null;
      };
    } catch (JsonProcessingException | NumberFormatException e) {
      return null; // a managed-fields key of a shape we do not know: not compared
    }
  }

  private static Object valueAt(Object node, List<Object> path) {
    Object at = node;
    for (Object step : path) {
      at = child(at, step);
      if (at == ABSENT) {
        return null;
      }
    }
    return at;
  }

  private static Object child(Object node, Object step) {
    if (step instanceof String field) {
      return node instanceof Map<?, ?> map && map.containsKey(field) ? map.get(field) : ABSENT;
    }
    if (!(node instanceof List<?> list)) {
      return ABSENT;
    }
    if (step instanceof Integer index) {
      return index < list.size() ? list.get(index) : ABSENT;
    }
    int index = indexOf(list, step);
    return index < 0 ? ABSENT : list.get(index);
  }

  private static int indexOf(List<?> list, Object step) {
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      if (step instanceof SetValue value
          ? Objects.equals(value.value(), element)
          : matches(element, (Map<?, ?>) step)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(Object element, Map<?, ?> keys) {
    if (!(element instanceof Map<?, ?> map)) {
      return false;
    }
    return keys.entrySet().stream()
        .allMatch(
            k -> Objects.equals(String.valueOf(k.getValue()), String.valueOf(map.get(k.getKey()))));
  }

  /** The JSON pointer of a path, list steps as their index in {@code object}; null if absent. */
  private static String pointer(Object object, List<Object> path) {
    StringBuilder out = new StringBuilder();
    Object at = object;
    for (Object step : path) {
      Object segment = step;
      if (!(step instanceof String) && at instanceof List<?> list) {
        segment = step instanceof Integer i ? i : indexOf(list, step);
        if (segment instanceof Integer i && i < 0) {
          return null;
        }
      }
      at = child(at, step);
      if (at == ABSENT) {
        return null;
      }
      out.append('/').append(String.valueOf(segment).replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }

  private static boolean covers(String rule, String pointer) {
    return pointer.equals(rule) || pointer.startsWith(rule.endsWith("/") ? rule : rule + "/");
  }

  /** As JSON, every sensitive value masked (also inside a larger value or a longer string). */
  private static String shown(Object value, boolean masked, Set<String> secrets) {
    if (value == null) {
      return null;
    }
    if (masked) {
      return '"' + Sensitive.MASK + '"';
    }
    try {
      return Sensitive.scrub(JSON.writeValueAsString(value), secrets);
    } catch (JsonProcessingException e) {
      return '"' + Sensitive.MASK + '"'; // not JSON-writable: show nothing rather than guess
    }
  }

  private static Map<?, ?> annotations(Map<String, Object> object) {
    return object.get("metadata") instanceof Map<?, ?> meta
            && meta.get("annotations") instanceof Map<?, ?> annotations
        ? annotations
        : Map.of();
  }
}
