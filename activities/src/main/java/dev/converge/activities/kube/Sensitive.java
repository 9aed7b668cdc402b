package dev.converge.activities.kube;

import dev.converge.workflows.contract.Annotations;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a manifest must never be shown: every value of a Secret's {@code data} and {@code
 * stringData} (of any object marked {@code werf.io/sensitive: "true"} too), and the values at the
 * paths listed in {@code werf.io/sensitive-paths} (e.g. {@code
 * $.spec.template.spec.containers[*].env[*].value}). Pure functions over the manifest as a map.
 */
public final class Sensitive {
  public static final String MASK = "***";

  /**
   * Shorter values are left alone: masking "1" or "true" would garble messages and hide nothing.
   */
  private static final int MIN_LENGTH = 4;

  private static final Pattern STEP =
      Pattern.compile("\\.([^.\\[]+)|\\[(\\*|\\d+|'[^']*'|\"[^\"]*\")]");

  private Sensitive() {}

  /** A copy of the manifest with each sensitive value replaced by {@link #MASK}. */
  public static Map<String, Object> redacted(Map<String, Object> manifest) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) deepCopy(manifest);
    for (List<Object> path : paths(manifest)) {
      visit(copy, path, 0, (parent, key) -> put(parent, key, MASK));
    }
    return copy;
  }

  /** The sensitive values themselves (Secret data both as stored base64 and decoded). */
  public static Set<String> values(Map<String, Object> manifest) {
    Set<String> out = new LinkedHashSet<>();
    for (List<Object> path : paths(manifest)) {
      visit(
          manifest,
          path,
          0,
          (parent, key) -> {
            Object value =
                parent instanceof Map<?, ?> map
                    ? map.get(key)
                    : ((List<?>) parent).get((Integer) key);
            if (value instanceof String || value instanceof Number) {
              out.add(value.toString());
              if (path.get(0).equals("data")) {
                decoded(value.toString(), out);
              }
            }
          });
    }
    out.removeIf(v -> v.length() < MIN_LENGTH);
    return out;
  }

  /** {@link #values(Map)} of a manifest as stored in the bundle. */
  @SuppressWarnings("unchecked")
  public static Set<String> values(String yaml) {
    Object parsed = Serialization.unmarshal(yaml, Map.class);
    return parsed instanceof Map<?, ?> map ? values((Map<String, Object>) map) : Set.of();
  }

  /** The text with every sensitive value masked: for API server messages that echo field values. */
  public static String scrub(String text, Set<String> values) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String value : values) {
      out = out.replace(value, MASK);
    }
    return out;
  }

  static List<List<Object>> paths(Map<String, Object> manifest) {
    List<List<Object>> out = new ArrayList<>();
    Object metadata = manifest.get("metadata");
    Object annotations = metadata instanceof Map<?, ?> m ? m.get("annotations") : null;
    // werf's older werf.io/sensitive: true masks data and stringData of any kind. A Secret's are
    // masked whatever it says: "false" never shows a Secret's values.
    boolean flagged =
        annotations instanceof Map<?, ?> a
            && "true".equals(String.valueOf(a.get(Annotations.SENSITIVE)).trim());
    if (flagged
        || ("Secret".equals(manifest.get("kind")) && "v1".equals(manifest.get("apiVersion")))) {
      out.add(List.of("data", "*"));
      out.add(List.of("stringData", "*"));
    }
    Object listed = annotations instanceof Map<?, ?> a ? a.get(Annotations.SENSITIVE_PATHS) : null;
    if (listed instanceof String text) {
      for (String path : text.split(",")) {
        List<Object> steps = parse(path.strip());
        if (!steps.isEmpty()) {
          out.add(steps);
        }
      }
    }
    return out;
  }

  /** {@code $.a.b[*].c[0]['d.e']} to steps: names, indexes and "*"; an unreadable path is none. */
  static List<Object> parse(String path) {
    if (!path.startsWith("$")) {
      return List.of();
    }
    List<Object> steps = new ArrayList<>();
    Matcher m = STEP.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!m.find(at) || m.start() != at) {
        return List.of();
      }
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      if (m.group(2) != null && name.matches("\\d+")) {
        steps.add(Integer.parseInt(name));
      } else {
        steps.add(
            name.startsWith("'") || name.startsWith("\"")
                ? name.substring(1, name.length() - 1)
                : name);
      }
      at = m.end();
    }
    return steps;
  }

  private interface Leaf {
    void at(Object parent, Object key);
  }

  private static void visit(Object node, List<Object> path, int i, Leaf leaf) {
    if (i == path.size() || node == null) {
      return;
    }
    Object step = path.get(i);
    List<Object> keys = new ArrayList<>();
    if (node instanceof Map<?, ?> map) {
      if ("*".equals(step)) {
        keys.addAll(map.keySet());
      } else if (map.containsKey(step)) {
        keys.add(step);
      }
    } else if (node instanceof List<?> list) {
      if ("*".equals(step)) {
        for (int k = 0; k < list.size(); k++) {
          keys.add(k);
        }
      } else if (step instanceof Integer index && index < list.size()) {
        keys.add(index);
      }
    }
    for (Object key : keys) {
      if (i == path.size() - 1) {
        leaf.at(node, key);
      } else {
        visit(
            node instanceof Map<?, ?> map ? map.get(key) : ((List<?>) node).get((Integer) key),
            path,
            i + 1,
            leaf);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void put(Object parent, Object key, Object value) {
    if (parent instanceof Map<?, ?> map) {
      ((Map<Object, Object>) map).put(key, value);
    } else {
      ((List<Object>) parent).set((Integer) key, value);
    }
  }

  private static Object deepCopy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, deepCopy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      return new ArrayList<>(list.stream().map(Sensitive::deepCopy).toList());
    }
    return node;
  }

  private static void decoded(String base64, Set<String> out) {
    try {
      out.add(new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      // a malformed Secret: the API server rejects it; the raw value is masked already
    }
  }
}
