package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Histories of an already deployed release. */
final class DeployedHistory {
  static final ResourceKey LEGACY = new ResourceKey("v1", "ConfigMap", TestChart.NS, "legacy");
  static final ResourceKey KEPT = new ResourceKey("v1", "ConfigMap", TestChart.NS, "kept");

  private DeployedHistory() {}

  static Map<String, String> owned() {
    return Map.of(
        "meta.helm.sh/release-name",
        TestChart.RELEASE,
        "meta.helm.sh/release-namespace",
        TestChart.NS);
  }

  static ReleaseHistory sameAs(RenderedChart chart) {
    return new ReleaseHistory(
        revisions(chart.manifestDigest(), chart.valuesDigest()), chart.resources());
  }

  static ReleaseHistory withRemoved() {
    List<ResourceMeta> last = new ArrayList<>(TestChart.chart().resources());
    last.add(
        new ResourceMeta(
            LEGACY, "shop/templates/legacy.yaml", Map.of(), false, "sha256:legacy", null));
    last.add(
        new ResourceMeta(
            KEPT,
            "shop/templates/kept.yaml",
            Map.of("helm.sh/resource-policy", "keep"),
            false,
            "sha256:kept",
            null));
    return new ReleaseHistory(revisions("sha256:old", "sha256:values"), last);
  }

  private static List<RevisionInfo> revisions(String manifest, String values) {
    return List.of(
        new RevisionInfo(1, "superseded", "sha256:x", "sha256:y"),
        new RevisionInfo(2, "failed", "sha256:x", "sha256:y"),
        new RevisionInfo(3, "deployed", manifest, values));
  }
}
