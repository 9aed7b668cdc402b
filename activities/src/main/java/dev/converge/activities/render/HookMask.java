package dev.converge.activities.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hides Helm's hook annotation from the Helm engine and brings it back afterwards.
 *
 * <p>Why: helm-java's {@code template} returns only the release manifest, and Helm moves every
 * document that carries {@code helm.sh/hook} out of it. Renaming the annotation in the working
 * copy's templates and values keeps hook documents in the output (in Helm's order, with their
 * {@code # Source:} lines); {@link #unmask} restores the exact text. A hook annotation built from
 * other files or by string concatenation would not be seen; charts do not do that in practice.
 */
final class HookMask {
  static final String HOOK = "helm.sh/hook";
  static final String MASK = "x-converge-masked.invalid/hook";

  private HookMask() {}

  /** Masks the templates and values.yaml of the chart in {@code chartDir} and of its subcharts. */
  static void maskChart(Path chartDir) throws IOException {
    maskFile(chartDir.resolve("values.yaml"));
    Path templates = chartDir.resolve("templates");
    if (Files.isDirectory(templates)) {
      try (Stream<Path> files = Files.walk(templates)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          maskFile(file);
        }
      }
    }
    for (Path subchart : subcharts(chartDir)) {
      maskChart(subchart);
    }
  }

  static String mask(String text) {
    return text.replace(HOOK, MASK);
  }

  static String unmask(String text) {
    return text.replace(MASK, HOOK);
  }

  static List<Path> subcharts(Path chartDir) throws IOException {
    Path charts = chartDir.resolve("charts");
    if (!Files.isDirectory(charts)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(charts)) {
      return entries.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).sorted().toList();
    }
  }

  private static void maskFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    // ISO-8859-1 maps bytes 1:1, so files that are not UTF-8 survive the round trip unchanged.
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    if (text.contains(HOOK)) {
      Files.writeString(file, mask(text), StandardCharsets.ISO_8859_1);
    }
  }
}
