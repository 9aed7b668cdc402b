package dev.converge.workflows.drift;

import dev.converge.workflows.model.Fields;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.RequestParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Strict parsing of a drift request (also a drift schedule's settings), each mistake by key. */
public final class DriftRequests {
  static final Set<String> KEYS =
      Set.of("release", "namespace", "kubeContext", "mode", "ignore", "timeoutSeconds");
  private static final Set<String> RULE_KEYS = Set.of("kind", "name", "paths");
  static final int MAX_RULES = 100;
  static final int MAX_PATHS = 50;

  private DriftRequests() {}

  public static DriftRequest parse(Object raw) {
    Fields f = Fields.of(raw, KEYS);
    ReleaseTarget target = RequestParser.target(f);
    DriftMode mode = mode(f);
    List<IgnoreRule> ignore = rules(f);
    Integer timeout = f.integer("timeoutSeconds");
    RequestParser.checkTimeout(f, timeout);
    f.check();
    return new DriftRequest(
        target.release(),
        target.namespace(),
        target.kubeContext(),
        mode,
        ignore,
        timeout == null ? 0 : timeout);
  }

  private static DriftMode mode(Fields f) {
    String mode = f.optionalString("mode");
    if (mode == null) {
      return DriftMode.WARN;
    }
    try {
      return DriftMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      f.problem("mode", "must be warn or correct, got '" + mode + "'");
      return DriftMode.WARN;
    }
  }

  private static List<IgnoreRule> rules(Fields f) {
    Object value = f.map().get("ignore");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      f.problem("ignore", "must be an array of {kind, name, paths}, got " + Fields.typeName(value));
      return List.of();
    }
    if (list.size() > MAX_RULES) {
      f.problem("ignore", "at most " + MAX_RULES + " rules, got " + list.size());
      return List.of();
    }
    List<IgnoreRule> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String key = "ignore[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?>)) {
        f.problem(
            key, "must be an object {kind, name, paths}, got " + Fields.typeName(list.get(i)));
        continue;
      }
      Fields rule = Fields.of(list.get(i), RULE_KEYS);
      String kind = rule.optionalString("kind");
      String name = rule.optionalString("name");
      List<String> paths = rule.strings("paths");
      if (paths.isEmpty()) {
        rule.problem("paths", "must list at least one JSON pointer, e.g. /spec/replicas");
      } else if (paths.size() > MAX_PATHS) {
        rule.problem("paths", "at most " + MAX_PATHS + " pointers, got " + paths.size());
      }
      for (int p = 0; p < paths.size(); p++) {
        if (!paths.get(p).startsWith("/") || paths.get(p).length() > 512) {
          rule.problem(
              "paths[" + p + "]",
              "must be a JSON pointer starting with / (at most 512 characters), got '"
                  + abbreviated(paths.get(p))
                  + "'");
        }
      }
      rule.problems().forEach(problem -> f.problem(key + "." + problem.field(), problem.message()));
      out.add(new IgnoreRule(kind, name, paths));
    }
    return out;
  }

  private static String abbreviated(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
