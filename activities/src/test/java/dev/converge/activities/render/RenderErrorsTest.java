package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.chart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.activities.render.RenderFixtures.Request;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the user got wrong fails the render for good, and says where. */
class RenderErrorsTest {
  @TempDir Path dir;

  private ApplicationFailure fails(Request request) {
    RenderActivitiesImpl render = new RenderActivitiesImpl(new InMemoryManifestStore(), dir);
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> render.render(request.build()));
    assertEquals("RenderFailed", e.getType());
    assertTrue(e.isNonRetryable());
    return e;
  }

  private static void assertMentions(ApplicationFailure e, String... parts) {
    for (String part : parts) {
      assertTrue(
          e.getOriginalMessage().contains(part), "'" + part + "' in: " + e.getOriginalMessage());
    }
  }

  @Test
  void templateErrorNamesTemplateFileAndLine() {
    chart(
        dir,
        "broken",
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Values.no.such }}\n");
    assertMentions(fails(Request.of("broken")), "broken/templates/cm.yaml:6");
  }

  @Test
  void missingChartNamesThePath() {
    assertMentions(fails(Request.of("nowhere")), "chart not found: nowhere");
  }

  @Test
  void missingValuesFileNamesThePath() {
    chart(
        dir,
        "fine",
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    assertMentions(
        fails(Request.of("fine").valuesFiles("absent.yaml")), "values file absent.yaml not found");
  }

  @Test
  void chartOutsideTheChartsDirectoryIsRefused() {
    assertMentions(
        fails(Request.of("../elsewhere")),
        "chart \"../elsewhere\" leads outside the charts directory");
    assertMentions(fails(Request.of("/etc")), "chart \"/etc\" is absolute");
  }

  @Test
  void chartWithASymlinkLeadingOutIsRefused(@TempDir Path outside) throws IOException {
    Files.writeString(outside.resolve("kubeconfig"), "secret");
    Path chart =
        chart(
            dir,
            "linky",
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: {{ .Files.Get \"stolen\" | quote }}\n");
    Files.createSymbolicLink(chart.resolve("stolen"), outside.resolve("kubeconfig"));

    assertMentions(
        fails(Request.of("linky")),
        "chart \"linky\" holds stolen, a symbolic link that leads outside");
  }

  @Test
  void badSetNamesTheArgumentAndKey() {
    chart(
        dir,
        "fine",
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    assertMentions(
        fails(Request.of("fine").set("image.tag")), "set[0]", "\"image.tag\"", "has no value");
  }

  @Test
  void objectWithoutNameNamesSourceAndDocumentIndex() {
    chart(
        dir,
        "nameless",
        "templates/cms.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n");
    assertMentions(
        fails(Request.of("nameless")), "nameless/templates/cms.yaml document 2", "metadata.name");
  }

  @Test
  void objectWithoutKindNamesSource() {
    chart(dir, "kindless", "templates/x.yaml", "apiVersion: v1\nmetadata:\n  name: x\n");
    assertMentions(
        fails(Request.of("kindless")), "kindless/templates/x.yaml document 1", "kind is missing");
  }

  @Test
  void duplicateObjectsNameBothSources() {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n";
    chart(dir, "twice", "templates/a.yaml", cm, "templates/b.yaml", cm);
    assertMentions(
        fails(Request.of("twice")),
        "duplicate resource ConfigMap/prod/same",
        "twice/templates/a.yaml document 1",
        "twice/templates/b.yaml document 1");
  }

  @Test
  void invalidYamlOutputNamesTheTemplate() {
    chart(
        dir,
        "badyaml",
        "templates/x.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
    assertMentions(fails(Request.of("badyaml")), "badyaml/templates/x.yaml");
  }

  @Test
  void brokenArchiveFailsForGoodAndLeavesNoWorkingCopy() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(dir.resolve("broken.tgz"), "not a gzip stream");
    RenderActivitiesImpl render =
        new RenderActivitiesImpl(new InMemoryManifestStore(), dir, work, null, null);
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> render.render(Request.of("broken.tgz").build()));
    assertMentions(
        e, "cannot load chart: file 'broken.tgz' does not appear to be a gzipped archive");
    assertFalse(
        e.getOriginalMessage().contains(dir.toString()),
        "no worker path: " + e.getOriginalMessage());
    try (var left = Files.list(work)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void directoryWithoutChartYamlIsNotAChart() throws IOException {
    Files.createDirectories(dir.resolve("plain"));
    assertMentions(fails(Request.of("plain")), "no Chart.yaml");
  }
}
