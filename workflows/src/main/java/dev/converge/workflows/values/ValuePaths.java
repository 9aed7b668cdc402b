package dev.converge.workflows.values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a {@code --set} path lands: Helm's rules for growing lists and walking into maps. */
final class ValuePaths {
  static final int MAX_INDEX = 65536;

  private ValuePaths() {}

  static List<Object> setIndex(List<Object> list, int index, Object value) {
    if (index > MAX_INDEX) {
      throw new HelmSetParser.SetSyntaxException(
          "index of " + index + " is greater than maximum supported index of " + MAX_INDEX);
    }
    List<Object> copy = new ArrayList<>(list);
    while (copy.size() <= index) {
      copy.add(null);
    }
    copy.set(index, value);
    return copy;
  }

  static void set(Map<String, Object> data, String key, Object value) {
    if (!key.isEmpty()) {
      data.put(key, value);
    }
  }

  static List<Object> existingList(Map<String, Object> data, String key) {
    return data.containsKey(key) ? asList(data.get(key), key) : new ArrayList<>();
  }

  static Map<String, Object> existingMap(Map<String, Object> data, String key) {
    if (!data.containsKey(key)) {
      return new LinkedHashMap<>();
    }
    if (data.get(key) instanceof Map<?, ?> map) {
      return mutableMap(map);
    }
    throw new HelmSetParser.SetSyntaxException(
        "key \"" + key + "\" is " + typeName(data.get(key)) + ", not a map");
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value, String key) {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new HelmSetParser.SetSyntaxException(
        "key \"" + key + "\" is " + typeName(value) + ", not a list");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mutableMap(Map<?, ?> map) {
    return map instanceof LinkedHashMap<?, ?>
        ? (Map<String, Object>) map
        : new LinkedHashMap<>((Map<String, Object>) map);
  }

  static String typeName(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof List<?> ? "a list" : "a " + value.getClass().getSimpleName();
  }
}
