package dev.converge.workflows.activities;

import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.ResourceMeta;
import java.util.List;

/**
 * Result of rendering: metadata only. The manifests themselves are in the bundle store under {@code
 * bundleDigest}, which keeps workflow history small however large the chart is.
 *
 * @param manifestDigest digest of the release manifest text (non-hook, non-CRD resources)
 * @param valuesDigest digest of the merged user values (release {@code config})
 * @param resources every rendered object: templates, hooks and {@code crds/} files
 */
public record RenderedChart(
    String bundleDigest,
    String manifestDigest,
    String valuesDigest,
    ChartInfo chart,
    List<ResourceMeta> resources) {

  public RenderedChart {
    resources = Copies.list(resources);
  }

  public record ChartInfo(String name, String version, String appVersion) {}
}
