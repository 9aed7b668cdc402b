package dev.converge.activities.render;

import dev.converge.activities.render.ManifestSplitter.Doc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code crds/} files of a chart and of its enabled subcharts, as Helm's CRDObjects lists them:
 * not templated, parent first, named {@code chart/charts/sub/crds/file.yaml}. Read from the files
 * because helm-java's template leaves them out. A subchart is skipped when its dependency's {@code
 * condition} (or, failing that, its {@code tags}) turns it off, evaluated like Helm on the chart
 * defaults overlaid with the user values.
 */
final class CrdFiles {
  private CrdFiles() {}

  static List<Doc> collect(Path chartDir, Map<String, Object> userValues) throws IOException {
    Map<String, Object> chart = chartYaml(chartDir);
    Map<String, Object> scope = Yamls.deepMerge(valuesYaml(chartDir), userValues);
    List<Doc> out = new ArrayList<>();
    walk(chartDir, String.valueOf(chart.get("name")), chart, scope, scope, out);
    return out;
  }

  static Map<String, Object> chartYaml(Path chartDir) throws IOException {
    return readMap(chartDir.resolve("Chart.yaml"));
  }

  private static void walk(
      Path dir,
      String fullPath,
      Map<String, Object> chart,
      Map<String, Object> scope,
      Map<String, Object> top,
      List<Doc> out)
      throws IOException {
    Path crds = dir.resolve("crds");
    if (Files.isDirectory(crds)) {
      try (Stream<Path> files = Files.walk(crds)) {
        for (Path file : files.filter(CrdFiles::isManifest).sorted().toList()) {
          String source = fullPath + "/" + dir.relativize(file).toString().replace('\\', '/');
          out.add(new Doc(source, Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    }
    for (Path subDir : HookMask.subcharts(dir)) {
      Map<String, Object> sub = chartYaml(subDir);
      Map<String, Object> dependency = dependency(chart, String.valueOf(sub.get("name")));
      String name =
          dependency.get("alias") instanceof String alias ? alias : String.valueOf(sub.get("name"));
      Map<String, Object> subScope = valuesYaml(subDir);
      if (scope.get(name) instanceof Map<?, ?> own) {
        subScope = Yamls.deepMerge(subScope, Yamls.asMap(own));
      }
      // Helm evaluates conditions on coalesced values, so the subchart's defaults count too.
      Map<String, Object> coalesced = new LinkedHashMap<>(scope);
      coalesced.put(name, subScope);
      if (!enabled(dependency, coalesced, top)) {
        continue;
      }
      walk(subDir, fullPath + "/charts/" + name, sub, subScope, top, out);
    }
  }

  private static Map<String, Object> dependency(Map<String, Object> chart, String name) {
    if (chart.get("dependencies") instanceof List<?> deps) {
      for (Object dep : deps) {
        if (dep instanceof Map<?, ?> map && name.equals(map.get("name"))) {
          return Yamls.asMap(map);
        }
      }
    }
    return Map.of();
  }

  /** Helm: the first condition path that holds a bool decides; else any true tag enables. */
  private static boolean enabled(
      Map<String, Object> dependency, Map<String, Object> scope, Map<String, Object> top) {
    if (dependency.get("condition") instanceof String conditions) {
      for (String path : conditions.split(",")) {
        if (lookup(scope, path.strip()) instanceof Boolean on) {
          return on;
        }
      }
    }
    if (dependency.get("tags") instanceof List<?> tags
        && top.get("tags") instanceof Map<?, ?> set) {
      boolean anyFalse = false;
      for (Object tag : tags) {
        if (Boolean.TRUE.equals(set.get(tag))) {
          return true;
        }
        anyFalse |= Boolean.FALSE.equals(set.get(tag));
      }
      return !anyFalse;
    }
    return true;
  }

  private static Object lookup(Map<String, Object> values, String path) {
    Object current = values;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  private static Map<String, Object> valuesYaml(Path chartDir) throws IOException {
    Path values = chartDir.resolve("values.yaml");
    return Files.isRegularFile(values) ? readMap(values) : Map.of();
  }

  private static Map<String, Object> readMap(Path file) throws IOException {
    Object parsed = Yamls.YAML.readValue(file.toFile(), Object.class);
    return parsed instanceof Map<?, ?> map ? Yamls.asMap(map) : Map.of();
  }
}
