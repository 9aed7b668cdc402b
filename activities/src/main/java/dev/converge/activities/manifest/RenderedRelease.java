package dev.converge.activities.manifest;

import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one render produced, stored once and passed around by digest.
 *
 * @param config merged user values (the release record's {@code config})
 * @param manifest release manifest text: non-hook, non-{@code crds/} objects joined by {@code ---}
 *     with {@code # Source:} lines, as Helm stores it
 * @param objects every object, hooks and {@code crds/} files included, as canonical YAML
 * @param helmChart the chart as Helm stores it in a release (metadata, templates, values, schema,
 *     files); empty in bundles written before it was kept
 */
public record RenderedRelease(
    ChartInfo chart,
    Map<String, Object> chartMetadata,
    Map<String, Object> config,
    String manifest,
    String notes,
    List<RenderedObject> objects,
    Map<String, Object> helmChart) {

  public RenderedRelease {
    helmChart = helmChart == null ? Map.of() : helmChart;
    chartMetadata = chartMetadata == null ? Map.of() : chartMetadata;
    config = config == null ? Map.of() : config;
    objects = List.copyOf(objects);
  }

  /** A bundle without the stored chart (tests, and bundles written before it was kept). */
  public RenderedRelease(
      ChartInfo chart,
      Map<String, Object> chartMetadata,
      Map<String, Object> config,
      String manifest,
      String notes,
      List<RenderedObject> objects) {
    this(chart, chartMetadata, config, manifest, notes, objects, Map.of());
  }

  public Optional<RenderedObject> object(String id) {
    return objects.stream().filter(o -> o.id().equals(id)).findFirst();
  }

  /**
   * @param id {@link dev.converge.workflows.model.ResourceKey#id()}
   * @param source template path, e.g. {@code shop/templates/web.yaml}
   * @param helmManifest the document exactly as Helm rendered it (hooks); null if not kept
   */
  public record RenderedObject(
      String id,
      String source,
      String yaml,
      boolean hook,
      boolean fromCrdsDir,
      String helmManifest) {

    public RenderedObject(
        String id, String source, String yaml, boolean hook, boolean fromCrdsDir) {
      this(id, source, yaml, hook, fromCrdsDir, null);
    }

    /** The text Helm keeps for a hook in the release record: the rendered document as is. */
    public String releaseText() {
      return helmManifest == null ? yaml : helmManifest;
    }
  }
}
