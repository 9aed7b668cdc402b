package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.chart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.render.RenderFixtures.Request;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ResourceMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How rendered documents become objects, on small charts written by each test. */
class RenderObjectsTest {
  @TempDir Path dir;
  private final InMemoryManifestStore store = new InMemoryManifestStore();

  private RenderedChart render(String chart) {
    return new RenderActivitiesImpl(store, dir).render(Request.of(chart).build());
  }

  private static Map<String, ResourceMeta> byDisplay(RenderedChart rendered) {
    return rendered.resources().stream().collect(Collectors.toMap(r -> r.key().display(), r -> r));
  }

  private static String cm(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
  }

  @Test
  void listKindsAreExpandedIntoTheirItems() {
    chart(
        dir,
        "lists",
        "templates/list.yaml",
        "apiVersion: v1\nkind: List\nitems:\n- "
            + cm("a").replace("\n", "\n  ")
            + "\n- "
            + cm("b").replace("\n", "\n  ")
            + "\n---\n"
            + "apiVersion: v1\nkind: ConfigMapList\nitems:\n- "
            + cm("c").replace("\n", "\n  "));
    RenderedChart rendered = render("lists");
    assertEquals(
        List.of("ConfigMap/prod/a", "ConfigMap/prod/b", "ConfigMap/prod/c"),
        rendered.resources().stream().map(r -> r.key().display()).sorted().toList());
    assertEquals("lists/templates/list.yaml", rendered.resources().get(0).source());
  }

  @Test
  void clusterScopedKindsGetNoNamespaceAndExplicitNamespacesAreKept() {
    chart(
        dir,
        "scopes",
        "templates/objects.yaml",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n"
            + "---\n"
            + cm("elsewhere")
            + "  namespace: other\n"
            + "---\napiVersion: example.dev/v1\nkind: Gadget\nmetadata:\n  name: g\n",
        "crds/gadgets.yaml",
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
            + "metadata:\n  name: gadgets.example.dev\n"
            + "spec:\n  group: example.dev\n  scope: Cluster\n  names: {kind: Gadget, plural: gadgets}\n");
    Map<String, ResourceMeta> objects = byDisplay(render("scopes"));
    assertNull(objects.get("ClusterRole/reader").key().namespace());
    assertNull(objects.get("Gadget/g").key().namespace(), "kind of the chart's own cluster CRD");
    assertEquals("other", objects.get("ConfigMap/other/elsewhere").key().namespace());
    RenderedRelease bundle = store.get(render("scopes").bundleDigest());
    assertFalse(
        bundle
            .object("rbac.authorization.k8s.io/ClusterRole//reader")
            .orElseThrow()
            .yaml()
            .contains("namespace"));
  }

  @Test
  void emptyDocumentsAndHelperTemplatesAreNotObjects() {
    chart(
        dir,
        "sparse",
        "templates/_helpers.tpl",
        "{{- define \"x\" -}}y{{- end -}}",
        "templates/maybe.yaml",
        "{{- if false }}\n" + cm("never") + "{{- end }}\n---\n# only a comment\n",
        "templates/cm.yaml",
        cm("real"),
        "templates/NOTES.txt",
        "hello");
    RenderedChart rendered = render("sparse");
    assertEquals(
        List.of("ConfigMap/prod/real"),
        rendered.resources().stream().map(r -> r.key().display()).toList());
  }

  @Test
  void subchartCrdsAreIncludedUnlessTheSubchartIsDisabled() {
    String crd =
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
            + "metadata:\n  name: %s.example.dev\nspec:\n  group: example.dev\n  scope: Namespaced\n";
    chart(
        dir,
        "parent",
        "Chart.yaml",
        "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n"
            + "- {name: alpha, version: 1.0.0, condition: alpha.enabled}\n"
            + "- {name: beta, version: 1.0.0, condition: beta.enabled}\n",
        "values.yaml",
        "beta:\n  enabled: false\n",
        "charts/alpha/Chart.yaml",
        "apiVersion: v2\nname: alpha\nversion: 1.0.0\n",
        "charts/alpha/crds/a.yaml",
        crd.formatted("ons"),
        "charts/alpha/templates/cm.yaml",
        cm("from-alpha"),
        "charts/beta/Chart.yaml",
        "apiVersion: v2\nname: beta\nversion: 1.0.0\n",
        "charts/beta/crds/b.yaml",
        crd.formatted("offs"),
        "charts/beta/templates/cm.yaml",
        cm("from-beta"));
    Map<String, ResourceMeta> objects = byDisplay(render("parent"));
    assertEquals(
        "parent/charts/alpha/crds/a.yaml",
        objects.get("CustomResourceDefinition/ons.example.dev").source());
    assertTrue(objects.get("CustomResourceDefinition/ons.example.dev").fromCrdsDir());
    assertFalse(objects.containsKey("CustomResourceDefinition/offs.example.dev"));
    assertTrue(objects.containsKey("ConfigMap/prod/from-alpha"));
    assertFalse(objects.containsKey("ConfigMap/prod/from-beta"));
  }

  @Test
  void hooksFromValuesAndFromPackagedSubchartsAreFound() throws IOException {
    Path sub =
        chart(
            Files.createDirectories(dir.resolve("src")),
            "sub",
            "templates/job.yaml",
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sub-hook\n  annotations:\n"
                + "    helm.sh/hook: post-install\n");
    Path charts = Files.createDirectories(dir.resolve("hooks/charts"));
    new Helm(sub).packageIt().withDestination(charts).call();
    chart(
        dir,
        "hooks",
        "values.yaml",
        "jobAnnotations:\n  helm.sh/hook: pre-install\n",
        "templates/job.yaml",
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: values-hook\n  annotations:\n"
            + "    {{- toYaml .Values.jobAnnotations | nindent 4 }}\n",
        "templates/cm.yaml",
        cm("plain"));
    RenderedChart rendered = render("hooks");
    RenderedRelease bundle = store.get(rendered.bundleDigest());
    assertTrue(bundle.object("batch/Job/prod/values-hook").orElseThrow().hook());
    assertTrue(bundle.object("batch/Job/prod/sub-hook").orElseThrow().hook());
    assertEquals(
        "hooks/charts/sub/templates/job.yaml",
        bundle.object("batch/Job/prod/sub-hook").orElseThrow().source());
    assertFalse(bundle.object("/ConfigMap/prod/plain").orElseThrow().hook());
    assertEquals("---\n# Source: hooks/templates/cm.yaml\n" + cm("plain"), bundle.manifest());
  }
}
