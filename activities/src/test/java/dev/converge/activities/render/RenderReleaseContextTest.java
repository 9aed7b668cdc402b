package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.chart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.render.RenderFixtures.Request;
import dev.converge.workflows.activities.RenderActivities.RenderRequest;
import dev.converge.workflows.activities.RenderedChart;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Helm's install/upgrade render knows beyond the templates: release, capabilities, chart. */
class RenderReleaseContextTest {
  @TempDir Path dir;
  private final InMemoryManifestStore store = new InMemoryManifestStore();

  private RenderedRelease render(String chart, int revision, boolean upgrade) {
    RenderedChart rendered =
        new RenderActivitiesImpl(store, dir)
            .renderRelease(new RenderRequest(Request.of(chart).build(), revision, upgrade));
    return store.get(rendered.bundleDigest());
  }

  private static String only(RenderedRelease bundle, String name) {
    return bundle.objects().stream()
        .filter(o -> o.id().endsWith("/" + name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not rendered: " + bundle.objects()))
        .yaml();
  }

  @Test
  void releaseRevisionAndUpgradeReachTheTemplates() {
    chart(
        dir,
        "rel",
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rel\ndata:\n"
            + "  revision: \"{{ .Release.Revision }}\"\n"
            + "  mode: {{ if .Release.IsUpgrade }}upgrade{{ else if .Release.IsInstall }}install{{ end }}\n");

    String install = only(render("rel", 1, false), "rel");
    String upgrade = only(render("rel", 7, true), "rel");

    assertTrue(install.contains("revision: \"1\"") && install.contains("mode: install"), install);
    assertTrue(upgrade.contains("revision: \"7\"") && upgrade.contains("mode: upgrade"), upgrade);
  }

  @Test
  void emptyAndCommentOnlyValuesFilesRender() {
    chart(
        dir,
        "empty",
        "values.yaml",
        "",
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\ndata:\n  a: {{ .Values.a | default \"x\" | quote }}\n",
        "charts/child/Chart.yaml",
        "apiVersion: v2\nname: child\nversion: 0.1.0\n",
        "charts/child/values.yaml",
        "# nothing here\n",
        "charts/child/templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  b: {{ .Values.b | default \"y\" | quote }}\n");

    RenderedRelease bundle = render("empty", 1, false);

    assertTrue(only(bundle, "e").contains("a: x"), only(bundle, "e"));
    assertTrue(only(bundle, "c").contains("b: \"y\"") || only(bundle, "c").contains("b: y"));
  }

  @Test
  void crdsFolderApiVersionsCountInCapabilities() {
    chart(
        dir,
        "gated",
        "crds/widget.yaml",
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
            + "  name: widgets.example.com\nspec:\n  group: example.com\n  names:\n    kind: Widget\n"
            + "    plural: widgets\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n"
            + "    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n",
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gate\ndata:\n"
            + "  widget: {{ .Capabilities.APIVersions.Has \"example.com/v1/Widget\" | quote }}\n"
            + "  other: {{ .Capabilities.APIVersions.Has \"nowhere.example.com/v1\" | quote }}\n");

    String gate = only(render("gated", 1, false), "gate");

    assertTrue(gate.contains("widget: \"true\""), gate);
    assertTrue(gate.contains("other: \"false\""), gate);
  }

  @Test
  void kubeVersionConstraintIsCheckedAgainstTheTargetVersion() {
    chart(
        dir,
        "needs-new",
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\n");
    Path chartYaml = dir.resolve("needs-new/Chart.yaml");
    try {
      Files.writeString(
          chartYaml,
          "apiVersion: v2\nname: needs-new\nversion: 1.0.0\nkubeVersion: \">=99.0.0-0\"\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> render("needs-new", 1, false));
    assertEquals("RenderFailed", e.getType());
    assertTrue(
        e.getOriginalMessage().contains("chart requires kubeVersion: >=99.0.0-0"),
        e.getOriginalMessage());
  }

  @Test
  void theChartIsKeptAsHelmStoresItInARelease() {
    chart(
        dir,
        "kept",
        "values.yaml",
        "feature:\n  enabled: true\n",
        "values.schema.json",
        "{\"type\":\"object\"}",
        "files/motd.txt",
        "hello\n",
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: k\ndata:\n  on: {{ .Values.feature.enabled | quote }}\n");

    Map<String, Object> chart = render("kept", 1, false).helmChart();

    assertEquals(
        List.of("metadata", "lock", "templates", "values", "schema", "files"),
        List.copyOf(chart.keySet()));
    assertEquals(Map.of("feature", Map.of("enabled", true)), chart.get("values"));
    assertEquals("kept", ((Map<?, ?>) chart.get("metadata")).get("name"));
    List<?> templates = (List<?>) chart.get("templates");
    assertEquals("templates/cm.yaml", ((Map<?, ?>) templates.get(0)).get("name"));
    assertFalse(String.valueOf(chart.get("files")).isEmpty());
    assertTrue(String.valueOf(chart.get("files")).contains("files/motd.txt"));
  }

  @Test
  void testHooksAreRenderedAsHooksWithTheirEvent() {
    chart(
        dir,
        "tested",
        "templates/tests/t.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n"
            + "spec:\n  containers:\n  - name: c\n    image: busybox\n");

    RenderedRelease bundle = render("tested", 1, false);

    assertTrue(bundle.objects().get(0).hook());
    assertEquals("", bundle.manifest(), "test hooks are not part of the release manifest");
  }
}
