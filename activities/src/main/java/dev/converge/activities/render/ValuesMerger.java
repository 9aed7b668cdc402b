package dev.converge.activities.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.converge.workflows.model.ValuesSource;
import dev.converge.workflows.values.HelmSetParser;
import dev.converge.workflows.values.HelmSetParser.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release's user values (Helm's {@code config}), merged in
 * docs/semantics.md#values-merge-order, each later source winning: valuesFiles, the inline values,
 * setJson, set, setString, setFile. Done here and not by Helm because helm-java only takes values
 * files, set and setFile, so it cannot keep the order. Chart defaults (values.yaml) are not part of
 * it: Helm coalesces them itself.
 */
final class ValuesMerger {
  private final ChartPaths paths;

  /**
   * @param baseDir the charts directory: every values and set-file path must lie inside it
   */
  ValuesMerger(Path baseDir) {
    this.paths = new ChartPaths(baseDir);
  }

  /**
   * The service values {@link #merge} adds, as dotted paths; a chart whose schema forbids them gets
   * them left out.
   */
  static List<String> servicePaths(ValuesSource request) {
    return request.env() != null && !request.env().isBlank()
        ? List.of("werf.env", "global.env")
        : List.of();
  }

  /** Removes the given dotted service paths (and maps they leave empty) from merged values. */
  static void remove(Map<String, Object> values, List<String> paths) {
    for (String path : paths == null ? List.<String>of() : paths) {
      String[] keys = path.split("\\.", 2);
      if (keys.length == 2 && values.get(keys[0]) instanceof Map<?, ?> parent) {
        Map<String, Object> rest = new LinkedHashMap<>(Yamls.asMap(parent));
        rest.remove(keys[1]);
        if (rest.isEmpty()) {
          values.remove(keys[0]);
        } else {
          values.put(keys[0], rest);
        }
      }
    }
  }

  Map<String, Object> merge(ValuesSource request) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (request.env() != null && !request.env().isBlank()) {
      // werf's service values: charts read the environment as .Values.werf.env or
      // .Values.global.env; every user source below may still override them.
      values.put("werf", new LinkedHashMap<>(Map.of("env", request.env())));
      values.put("global", new LinkedHashMap<>(Map.of("env", request.env())));
    }
    List<String> valuesFiles = request.valuesFiles();
    for (int i = 0; i < valuesFiles.size(); i++) {
      values =
          Yamls.deepMerge(values, readValuesFile("valuesFiles[" + i + "]", valuesFiles.get(i)));
    }
    values = Yamls.deepMerge(values, request.values());
    apply(values, "setJson", request.setJson(), Mode.JSON);
    apply(values, "set", request.set(), Mode.TYPED);
    apply(values, "setString", request.setString(), Mode.STRING);
    List<String> setFile = request.setFile();
    for (int i = 0; i < setFile.size(); i++) {
      String field = "setFile[" + i + "]";
      String label = field + " \"" + setFile.get(i) + "\"";
      try {
        HelmSetParser.parseFileInto(
            setFile.get(i), values, path -> readSetFile(field, label, path));
      } catch (HelmSetParser.SetSyntaxException e) {
        throw RenderFailures.failed(label + ": " + e.getMessage());
      }
    }
    return values;
  }

  private void apply(Map<String, Object> values, String flag, List<String> args, Mode mode) {
    for (int i = 0; i < args.size(); i++) {
      try {
        HelmSetParser.parseInto(args.get(i), values, mode);
      } catch (HelmSetParser.SetSyntaxException e) {
        // Named by position and key, never by value: a value may be a secret.
        throw RenderFailures.failed(
            flag + "[" + i + "] (key " + keyOf(args.get(i)) + "): " + e.getMessage());
      }
    }
  }

  /** What comes before the first '=', the whole argument when it has none (a bare key). */
  static String keyOf(String arg) {
    int eq = arg.indexOf('=');
    return "\"" + (eq < 0 ? arg : arg.substring(0, eq)) + "\"";
  }

  private Map<String, Object> readValuesFile(String field, String name) {
    Path path = paths.resolve(field, name);
    String text = read(path, "values file " + name);
    if (text.isBlank()
        || text.lines()
            .allMatch(l -> l.isBlank() || l.strip().startsWith("#") || l.strip().equals("---"))) {
      return Map.of(); // empty or comments only: no values, as Helm reads it
    }
    try {
      Object parsed = Yamls.YAML.readValue(text, Object.class);
      if (parsed == null) {
        return Map.of();
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw RenderFailures.failed("values file " + name + ": the top level must be a map");
      }
      return Yamls.asMap(map);
    } catch (JsonProcessingException e) {
      throw RenderFailures.failed(
          "values file "
              + name
              + ": invalid YAML at line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage());
    }
  }

  private String readSetFile(String field, String label, String name) {
    return read(paths.resolve(field, name), label + ": file " + name);
  }

  private static String read(Path path, String what) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw RenderFailures.failed(what + " not found");
    } catch (IOException e) {
      if (Files.isDirectory(path)) {
        throw RenderFailures.failed(what + " is a directory");
      }
      throw new UncheckedIOException("cannot read " + what, e);
    }
  }
}
