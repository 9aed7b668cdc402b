package dev.converge.activities.render;

import dev.converge.workflows.model.ConvergeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Requests and throwaway charts for the render tests. */
final class RenderFixtures {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final Path SHOP = EXAMPLES.resolve("shop");

  private RenderFixtures() {}

  /** A request for release "shop" in namespace "prod"; the with* methods change one field. */
  record Request(
      String chart,
      Map<String, Object> values,
      List<String> valuesFiles,
      List<String> setJson,
      List<String> set,
      List<String> setString,
      List<String> setFile) {

    static Request of(String chart) {
      return new Request(chart, Map.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    Request values(Map<String, Object> v) {
      return new Request(chart, v, valuesFiles, setJson, set, setString, setFile);
    }

    Request valuesFiles(String... v) {
      return new Request(chart, values, List.of(v), setJson, set, setString, setFile);
    }

    Request setJson(String... v) {
      return new Request(chart, values, valuesFiles, List.of(v), set, setString, setFile);
    }

    Request set(String... v) {
      return new Request(chart, values, valuesFiles, setJson, List.of(v), setString, setFile);
    }

    Request setString(String... v) {
      return new Request(chart, values, valuesFiles, setJson, set, List.of(v), setFile);
    }

    Request setFile(String... v) {
      return new Request(chart, values, valuesFiles, setJson, set, setString, List.of(v));
    }

    ConvergeRequest build() {
      return new ConvergeRequest(
          "shop",
          "prod",
          chart,
          values,
          valuesFiles,
          setJson,
          set,
          setString,
          setFile,
          null,
          null,
          0,
          false);
    }
  }

  /** Writes a chart: pairs of relative path and content; Chart.yaml is added when missing. */
  static Path chart(Path dir, String name, String... pathsAndContents) {
    try {
      Path chart = dir.resolve(name);
      Files.createDirectories(chart);
      Files.writeString(
          chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 1.0.0\n");
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        Path file = chart.resolve(pathsAndContents[i]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, pathsAndContents[i + 1]);
      }
      return chart;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
