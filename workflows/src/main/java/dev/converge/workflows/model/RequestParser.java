package dev.converge.workflows.model;

import dev.converge.workflows.model.InvalidRequestException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the raw JSON object a caller sent (Temporal CLI, UI, REST) into a {@link ConvergeRequest}.
 * Strict on purpose: an unknown key is usually a typo that would otherwise be silently ignored.
 * Pure and deterministic, so the workflow and the API share it.
 */
public final class RequestParser {
  // Helm's limit: release names end up in label values and Secret names.
  private static final Pattern RELEASE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern CONTEXT = Pattern.compile("^[A-Za-z0-9][-A-Za-z0-9_.@:]*$");
  private static final Set<String> KEYS =
      Set.of(
          "release", "namespace", "chart", "values", "valuesFiles", "setJson", "set", "setString",
          "setFile", "kubeContext", "env", "timeoutSeconds", "autoRollback");
  private static final int MAX_TIMEOUT_SECONDS = 24 * 3600;

  private RequestParser() {}

  public static ConvergeRequest parse(Object raw) {
    if (!(raw instanceof Map<?, ?> map)) {
      throw new InvalidRequestException(
          List.of(new FieldProblem("$", "expected a JSON object, got " + typeName(raw))));
    }
    List<FieldProblem> problems = new ArrayList<>();
    for (Object key : map.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        problems.add(new FieldProblem(String.valueOf(key), "unknown key (allowed: " + String.join(", ", KEYS.stream().sorted().toList()) + ")"));
      }
    }
    Fields f = new Fields(map, problems);
    String release = f.requiredString("release");
    String namespace = f.requiredString("namespace");
    String chart = f.requiredString("chart");
    if (release != null && (release.length() > 53 || !RELEASE.matcher(release).matches())) {
      problems.add(new FieldProblem("release", "'" + release + "' must be a lowercase DNS name of at most 53 characters"));
    }
    if (namespace != null && (namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches())) {
      problems.add(new FieldProblem("namespace", "'" + namespace + "' must be a DNS-1123 label (lowercase, at most 63 characters)"));
    }
    String context = f.optionalString("kubeContext");
    if (context != null && !context.isBlank() && !CONTEXT.matcher(context).matches()) {
      problems.add(new FieldProblem("kubeContext", "'" + context + "' is not a valid context name"));
    }
    Map<String, Object> values = f.object("values");
    List<String> setJson = f.assignments("setJson");
    List<String> set = f.assignments("set");
    List<String> setString = f.assignments("setString");
    List<String> setFile = f.assignments("setFile");
    List<String> valuesFiles = f.strings("valuesFiles");
    Integer timeout = f.integer("timeoutSeconds");
    if (timeout != null && (timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS)) {
      problems.add(new FieldProblem("timeoutSeconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS + ", got " + timeout));
    }
    Boolean autoRollback = f.bool("autoRollback");
    if (Boolean.TRUE.equals(autoRollback)) {
      // Refused rather than ignored: a caller relying on it must not believe it happened.
      problems.add(new FieldProblem("autoRollback", "true is not supported yet: a failed converge is compensated, not rolled back"));
    }
    String env = f.optionalString("env");
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new ConvergeRequest(
        release, namespace, chart, values, valuesFiles, setJson, set, setString, setFile, context,
        env, timeout == null ? 0 : timeout, Boolean.TRUE.equals(autoRollback));
  }

  private static String typeName(Object value) {
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

  private record Fields(Map<?, ?> map, List<FieldProblem> problems) {

    String requiredString(String key) {
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

    String optionalString(String key) {
      Object value = map.get(key);
      if (value == null || value instanceof String) {
        return (String) value;
      }
      problems.add(new FieldProblem(key, "must be a string, got " + typeName(value)));
      return null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
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

    List<String> strings(String key) {
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
          problems.add(new FieldProblem(key + "[" + i + "]", "must be a non-empty string, got " + typeName(list.get(i))));
        }
      }
      return out;
    }

    List<String> assignments(String key) {
      List<String> out = strings(key);
      for (int i = 0; i < out.size(); i++) {
        int eq = out.get(i).indexOf('=');
        if (eq <= 0) {
          problems.add(new FieldProblem(key + "[" + i + "]", "'" + out.get(i) + "' must look like path=value"));
        }
      }
      return out;
    }

    Integer integer(String key) {
      Object value = map.get(key);
      if (value == null) {
        return null;
      }
      if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
        return n.intValue();
      }
      problems.add(new FieldProblem(key, "must be an integer, got " + typeName(value) + " " + value));
      return null;
    }

    Boolean bool(String key) {
      Object value = map.get(key);
      if (value == null || value instanceof Boolean) {
        return (Boolean) value;
      }
      problems.add(new FieldProblem(key, "must be true or false, got " + typeName(value)));
      return null;
    }
  }
}
