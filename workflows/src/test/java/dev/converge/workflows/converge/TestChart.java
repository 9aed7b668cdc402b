package dev.converge.workflows.converge;

import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small chart as the render activity would describe it, with one object per stage. */
final class TestChart {
  static final String NS = "shop-prod";
  static final String RELEASE = "shop";
  static final ResourceKey CRD =
      new ResourceKey(
          "apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com");
  static final ResourceKey MIGRATE = new ResourceKey("batch/v1", "Job", NS, "migrate");
  static final ResourceKey CONFIG = new ResourceKey("v1", "ConfigMap", NS, "config");
  static final ResourceKey SERVICE = new ResourceKey("v1", "Service", NS, "web");
  static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", NS, "web");
  static final ResourceKey NOTIFY = new ResourceKey("batch/v1", "Job", NS, "notify");

  private TestChart() {}

  static Map<String, Object> request() {
    Map<String, Object> request = new HashMap<>();
    request.put("release", RELEASE);
    request.put("namespace", NS);
    request.put("chart", "/charts/shop");
    request.put("values", Map.of("replicas", 2));
    return request;
  }

  static String workflowId() {
    return "converge/default/" + NS + "/" + RELEASE;
  }

  static RenderedChart chart() {
    List<ResourceMeta> resources = new ArrayList<>();
    resources.add(
        new ResourceMeta(CRD, "shop/crds/widgets.yaml", Map.of(), true, "sha256:crd", null));
    resources.add(
        new ResourceMeta(
            MIGRATE,
            "shop/templates/migrate.yaml",
            Map.of("helm.sh/hook", "pre-install,pre-upgrade", "helm.sh/hook-weight", "-5"),
            false,
            "sha256:migrate",
            null));
    resources.add(
        new ResourceMeta(
            CONFIG, "shop/templates/config.yaml", Map.of(), false, "sha256:config", null));
    resources.add(
        new ResourceMeta(
            SERVICE, "shop/templates/service.yaml", Map.of(), false, "sha256:svc", null));
    resources.add(
        new ResourceMeta(
            WEB,
            "shop/templates/web.yaml",
            Map.of("werf.io/weight", "10"),
            false,
            "sha256:web",
            2));
    resources.add(
        new ResourceMeta(
            NOTIFY,
            "shop/templates/notify.yaml",
            Map.of("helm.sh/hook", "post-install,post-upgrade"),
            false,
            "sha256:notify",
            null));
    return chart(resources);
  }

  static RenderedChart chart(List<ResourceMeta> resources) {
    return new RenderedChart(
        "sha256:" + "a".repeat(64),
        "sha256:manifest",
        "sha256:values",
        new ChartInfo("shop", "1.0.0", "1.0"),
        resources);
  }
}
