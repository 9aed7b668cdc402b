package dev.converge.workflows.model;

import dev.converge.workflows.model.InvalidRequestException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed reads of one raw JSON object, each mistake added to {@code problems} with its key. */
public record Fields(Map<?, ?> map, List<FieldProblem> problems) {

  /** Every key not in {@code allowed} is a problem: usually a typo that would be ignored. */
  public static Fields of(Object raw, Set<String> allowed) {
    if (!(raw instanceof Map<?, ?> map)) {
      throw new InvalidRequestException(
          List.of(new FieldProblem("$", "expected a JSON object, got " + typeName(raw))));
    }
    List<FieldProblem> problems = new ArrayList<>();
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        problems.add(
            new FieldProblem(
                String.valueOf(key),
                "unknown key (allowed: "
                    + String.join(", ", allowed.stream().sorted().toList())
                    + ")"));
      }
    }
    return new Fields(map, problems);
  }

  public void problem(String key, String message) {
    problems.add(new FieldProblem(key, message));
  }

  /** Throws when any problem was found. */
  public void check() {
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  public static String typeName(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    return value.getClass().getSimpleName();
  }

  public String requiredString(String key) {
    Object value = map.get(key);
    if (value == null) {
      problems.add(new FieldProblem(key, "is required"));
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      problems.add(new FieldProblem(key, "must be a non-empty string, got " + typeName(value)));
      return null;
    }
    return s;
  }

  public String optionalString(String key) {
    Object value = map.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    problems.add(new FieldProblem(key, "must be a string, got " + typeName(value)));
    return null;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String key) {
    Object value = map.get(key);
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m) {
      return new LinkedHashMap<>((Map<String, Object>) m);
    }
    problems.add(new FieldProblem(key, "must be an object, got " + typeName(value)));
    return Map.of();
  }

  public List<String> strings(String key) {
    Object value = map.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      problems.add(new FieldProblem(key, "must be an array of strings, got " + typeName(value)));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof String s && !s.isBlank()) {
        out.add(s);
      } else {
        problems.add(
            new FieldProblem(
                key + "[" + i + "]", "must be a non-empty string, got " + typeName(list.get(i))));
      }
    }
    return out;
  }

  public List<String> assignments(String key) {
    List<String> out = strings(key);
    for (int i = 0; i < out.size(); i++) {
      int eq = out.get(i).indexOf('=');
      if (eq <= 0) {
        problems.add(
            new FieldProblem(
                key + "[" + i + "]", "'" + out.get(i) + "' must look like path=value"));
      }
    }
    return out;
  }

  public Integer integer(String key) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
      return n.intValue();
    }
    problems.add(new FieldProblem(key, "must be an integer, got " + typeName(value) + " " + value));
    return null;
  }

  public Boolean bool(String key) {
    Object value = map.get(key);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    problems.add(new FieldProblem(key, "must be true or false, got " + typeName(value)));
    return null;
  }
}
