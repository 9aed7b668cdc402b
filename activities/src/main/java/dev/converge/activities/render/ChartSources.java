package dev.converge.activities.render;

import dev.converge.activities.oci.OciCharts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request's chart as a local path Helm can load: a directory or archive under the charts
 * directory, or pulled from OCI.
 */
final class ChartSources {
  private final ChartPaths paths;
  private final OciCharts oci;

  ChartSources(ChartPaths paths, OciCharts oci) {
    this.paths = paths;
    this.oci = oci;
  }

  Path local(String chart, Path work) throws IOException {
    if (chart.startsWith("oci://")) {
      if (oci == null) {
        throw RenderFailures.failed(
            "chart " + chart + ": this worker has no registry access configured");
      }
      Path archive = work.resolve("chart.tgz");
      oci.pull(chart, archive);
      return archive;
    }
    Path path = paths.resolve("chart", chart);
    if (Files.isDirectory(path)) {
      if (!Files.isRegularFile(path.resolve("Chart.yaml"))) {
        throw RenderFailures.failed("chart directory " + chart + " has no Chart.yaml");
      }
      paths.checkTree("chart", chart, path);
      return path;
    }
    if (!Files.isRegularFile(path)) {
      throw RenderFailures.failed("chart not found: " + chart);
    }
    return path;
  }
}
