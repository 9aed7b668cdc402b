package dev.converge.activities.render;

import dev.converge.activities.oci.OciCharts;
import dev.converge.workflows.model.ValuesSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Packages a chart for a bundle: the request's values merged exactly as a converge merges them
 * (werf's {@code env} service values included), then baked into the chart's values.yaml by Helm's
 * own loader (so .helmignore, subcharts and crds/ are as {@code helm package} makes them). The
 * archive is reproducible: the same chart and values give the same bytes.
 */
public final class ChartPackager {
  private final ValuesMerger values;
  private final ChartSources sources;
  private final Path workDir;
  private final HelmRender helm = new HelmRender();

  /**
   * @param oci pulls {@code oci://} charts; null: local charts only
   */
  public ChartPackager(Path chartsBaseDir, OciCharts oci, Path workDir) {
    Path base = chartsBaseDir.toAbsolutePath();
    this.values = new ValuesMerger(base);
    this.sources = new ChartSources(new ChartPaths(base), oci);
    this.workDir = workDir;
  }

  /**
   * @param archive the chart archive ({@code .tgz})
   * @param config Helm's OCI config blob (Chart.yaml as JSON)
   */
  public record Packaged(byte[] archive, byte[] config, String name, String version) {}

  /**
   * @param version the chart version to set; null keeps the chart's own
   */
  public Packaged pack(String chart, ValuesSource request, String version) {
    Map<String, Object> merged = values.merge(request);
    Path work = null;
    try {
      work = Files.createTempDirectory(workDir, "package");
      Path valuesFile = work.resolve("values.json");
      Files.writeString(valuesFile, Yamls.canonicalJson(merged));
      Path archive = work.resolve("bundle.tgz");
      HelmRender.Packaged out =
          helm.pack(
              chart,
              sources.local(chart, work),
              valuesFile,
              ValuesMerger.servicePaths(request),
              version,
              archive,
              work);
      return new Packaged(
          Files.readAllBytes(archive),
          out.config().getBytes(StandardCharsets.UTF_8),
          out.name(),
          out.version());
    } catch (IOException e) {
      throw new UncheckedIOException("packaging " + chart + " failed on local files", e);
    } finally {
      WorkDirs.delete(work);
    }
  }
}
