package dev.converge.workflows.plan;

import dev.converge.workflows.model.ResourceMeta;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Typed reads of one resource's annotations; each bad value becomes one named error. */
final class AnnotationReader {
  private final ResourceMeta meta;
  private final List<String> errors;

  AnnotationReader(ResourceMeta meta, List<String> errors) {
    this.meta = meta;
    this.errors = errors;
  }

  ResourceMeta meta() {
    return meta;
  }

  String get(String name) {
    return meta.annotation(name);
  }

  Map<String, String> all() {
    return meta.annotations();
  }

  void invalid(String annotation, String value, String why) {
    errors.add(
        meta.source()
            + ": "
            + meta.key().display()
            + ": annotation "
            + annotation
            + ": '"
            + value
            + "' "
            + why);
  }

  Integer integer(String name) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      invalid(name, value, "is not an integer");
      return null;
    }
  }

  Integer nonNegativeInt(String name) {
    Integer value = integer(name);
    if (value != null && value < 0) {
      invalid(name, get(name), "must be 0 or more");
      return null;
    }
    return value;
  }

  boolean bool(String name) {
    String value = get(name);
    if (value == null) {
      return false;
    }
    return switch (value.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        invalid(name, value, "must be true or false");
        yield false;
      }
    };
  }

  String oneOf(String name, Set<String> allowed, String fallback) {
    String value = get(name);
    if (value == null) {
      return fallback;
    }
    if (!allowed.contains(value.trim())) {
      invalid(
          name, value, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
      return fallback;
    }
    return value.trim();
  }

  int durationSeconds(String name, String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    int seconds = Durations.seconds(value);
    if (seconds < 0) {
      invalid(name, value, "is not a duration like 90s, 4m or 1h30m");
      return fallback;
    }
    return seconds;
  }

  String regex(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      Pattern.compile(value);
      return value;
    } catch (PatternSyntaxException e) {
      invalid(name, value, "is not a valid regular expression: " + e.getDescription());
      return null;
    }
  }

  /** Comma-separated values, each checked against {@code allowed} (null: anything). */
  Set<String> list(String name, String value, Set<String> allowed) {
    Set<String> out = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      if (allowed != null && !allowed.contains(item)) {
        invalid(
            name,
            value,
            "has unknown value '"
                + item
                + "' (allowed: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
        continue;
      }
      out.add(item);
    }
    return out;
  }
}
