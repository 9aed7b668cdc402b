package dev.converge.workflows.plan;

import static dev.converge.workflows.contract.Annotations.*;

import dev.converge.workflows.contract.ExternalDependency;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code werf.io/deploy-dependency-*}, {@code werf.io/delete-dependency-*} and {@code
 * *.external-dependency.werf.io/*} annotations.
 */
final class DependencyReader {
  private static final Set<String> KEYS =
      Set.of("state", "name", "namespace", "kind", "group", "version");
  private static final Set<String> TARGET_KEYS =
      Set.of("name", "namespace", "kind", "group", "version");

  private DependencyReader() {}

  static List<Dependency> dependencies(AnnotationReader read, boolean nelm131) {
    List<Dependency> out = new ArrayList<>();
    read.all().entrySet().stream()
        .filter(e -> e.getKey().startsWith(DEPLOY_DEPENDENCY_PREFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> parse(read, e.getKey(), e.getValue(), out));
    if (nelm131) {
      read.all().entrySet().stream()
          .filter(e -> e.getKey().endsWith(LEGACY_DEPENDENCY_SUFFIX) && !e.getKey().contains("/"))
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> legacy(read, e.getKey(), e.getValue(), out));
    }
    return out;
  }

  /**
   * {@code <id>.dependency.werf.io: apiVersion:kind[:namespace]:name} (werf's older form): the
   * object is deployed after that one is present. Empty: no dependency.
   */
  private static void legacy(
      AnnotationReader read, String name, String value, List<Dependency> out) {
    String id = name.substring(0, name.length() - LEGACY_DEPENDENCY_SUFFIX.length());
    if (value.isBlank()) {
      return;
    }
    Coordinates at = Coordinates.read(read, name, id, value);
    if (at != null) {
      out.add(
          new Dependency(
              id, at.kind(), at.group(), at.version(), at.name(), at.namespace(), false));
    }
  }

  /**
   * {@code apiVersion:kind[:namespace]:name}, as werf's colon forms name an object; the group is
   * empty for the core API, the namespace null when not given.
   */
  private record Coordinates(
      String group, String version, String kind, String namespace, String name) {

    /** Null, the problem recorded, when the value has another shape or the id is empty. */
    static Coordinates read(AnnotationReader read, String key, String id, String value) {
      String[] parts = value.trim().split(":", -1);
      if (id.isEmpty()
          || (parts.length != 3 && parts.length != 4)
          || Arrays.stream(parts).anyMatch(String::isBlank)) {
        read.invalid(key, value, "must look like apiVersion:kind[:namespace]:name");
        return null;
      }
      int slash = parts[0].indexOf('/');
      return new Coordinates(
          slash < 0 ? "" : parts[0].substring(0, slash),
          slash < 0 ? parts[0] : parts[0].substring(slash + 1),
          parts[1],
          parts.length == 4 ? parts[2] : null,
          parts[parts.length - 1]);
    }
  }

  /**
   * {@code werf.io/delete-dependency-<id>: state=absent[,kind=..][,name=..]...}: this object is
   * deleted only once the matching objects of the same stage are gone. state may be left out.
   */
  static List<Dependency> deleteDependencies(AnnotationReader read) {
    List<Dependency> out = new ArrayList<>();
    read.all().entrySet().stream()
        .filter(e -> e.getKey().startsWith(DELETE_DEPENDENCY_PREFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String name = e.getKey();
              String value = e.getValue();
              Map<String, String> fields = fields(read, name, value);
              if (fields == null) {
                return;
              }
              if (!fields.getOrDefault("state", "absent").equals("absent")) {
                read.invalid(name, value, "state can only be absent");
                return;
              }
              if (fields.keySet().stream().noneMatch(TARGET_KEYS::contains)) {
                read.invalid(name, value, "names no object: give kind=, name=, namespace=, ...");
                return;
              }
              out.add(
                  new Dependency(
                      name.substring(DELETE_DEPENDENCY_PREFIX.length()),
                      fields.get("kind"),
                      fields.get("group"),
                      fields.get("version"),
                      fields.get("name"),
                      fields.get("namespace"),
                      false));
            });
    return out;
  }

  /** {@code key=value,...} with known keys only; null (and the problem recorded) otherwise. */
  private static Map<String, String> fields(AnnotationReader read, String name, String value) {
    Map<String, String> fields = new HashMap<>();
    for (String part : value.split(",")) {
      String[] kv = part.split("=", 2);
      String key = kv[0].trim();
      if (kv.length != 2 || !KEYS.contains(key) || kv[1].isBlank()) {
        read.invalid(
            name,
            value,
            "part '"
                + part.trim()
                + "' must be one of "
                + String.join("=, ", KEYS.stream().sorted().toList())
                + "= with a value");
        return null;
      }
      fields.put(key, kv[1].trim());
    }
    return fields;
  }

  private static void parse(
      AnnotationReader read, String name, String value, List<Dependency> out) {
    Map<String, String> fields = fields(read, name, value);
    if (fields == null) {
      return;
    }
    String state = fields.getOrDefault("state", "");
    if (!state.equals("ready") && !state.equals("present")) {
      read.invalid(name, value, "needs state=ready or state=present");
      return;
    }
    if (!fields.containsKey("kind") || !fields.containsKey("name")) {
      read.invalid(name, value, "needs at least kind= and name=");
      return;
    }
    out.add(
        new Dependency(
            name.substring(DEPLOY_DEPENDENCY_PREFIX.length()),
            fields.get("kind"),
            fields.get("group"),
            fields.get("version"),
            fields.get("name"),
            fields.get("namespace"),
            state.equals("ready")));
  }

  static List<ExternalDependency> external(
      AnnotationReader read, String releaseNamespace, boolean newerForm) {
    List<ExternalDependency> out = external(read, releaseNamespace);
    if (!newerForm) {
      return out;
    }
    read.all().entrySet().stream()
        .filter(e -> e.getKey().endsWith(EXTERNAL_DEPENDENCY_KEY_SUFFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String id =
                  e.getKey()
                      .substring(0, e.getKey().length() - EXTERNAL_DEPENDENCY_KEY_SUFFIX.length());
              Coordinates at = Coordinates.read(read, e.getKey(), id, e.getValue());
              if (at == null) {
                return;
              }
              out.add(
                  new ExternalDependency(
                      id,
                      at.kind(),
                      at.version(),
                      at.group().isEmpty() ? null : at.group(),
                      at.name(),
                      at.namespace() == null ? releaseNamespace : at.namespace()));
            });
    return out;
  }

  private static List<ExternalDependency> external(AnnotationReader read, String releaseNamespace) {
    List<ExternalDependency> out = new ArrayList<>();
    read.all().entrySet().stream()
        .filter(e -> e.getKey().endsWith(EXTERNAL_DEPENDENCY_SUFFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String id =
                  e.getKey()
                      .substring(0, e.getKey().length() - EXTERNAL_DEPENDENCY_SUFFIX.length());
              String value = e.getValue().trim();
              int slash = value.indexOf('/');
              if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0) {
                read.invalid(e.getKey(), value, "must look like kind[.version.group]/name");
                return;
              }
              String[] type = value.substring(0, slash).split("\\.", 3);
              String namespace = read.get(id + EXTERNAL_DEPENDENCY_NS_SUFFIX);
              out.add(
                  new ExternalDependency(
                      id,
                      type[0],
                      type.length > 1 ? type[1] : null,
                      type.length > 2 ? type[2] : null,
                      value.substring(slash + 1),
                      namespace == null ? releaseNamespace : namespace));
            });
    return out;
  }
}
