package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.activities.oci.FakeRegistry;
import dev.converge.activities.oci.OciCharts;
import dev.converge.activities.render.RenderFixtures.Request;
import dev.converge.registry.Registries;
import dev.converge.workflows.activities.RenderedChart;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * oci:// charts, pulled through oras-java from an in-process registry that serves one Helm chart.
 */
class RenderOciChartTest {
  @TempDir Path dir;
  private FakeRegistry registry;
  private Registries registries;
  private String manifestDigest;

  @BeforeEach
  void serveShop() throws IOException {
    new Helm(SHOP).packageIt().withDestination(dir).call();
    registry = new FakeRegistry(null);
    registries = registry.registries();
    manifestDigest =
        registry.putChart(
            "charts/shop", "0.1.0", Files.readAllBytes(dir.resolve("shop-0.1.0.tgz")));
  }

  @AfterEach
  void stop() {
    registry.close();
    registries.close();
  }

  private RenderedChart render(String chart) {
    return new RenderActivitiesImpl(
            new InMemoryManifestStore(), SHOP.getParent(), dir, new OciCharts(registries), null)
        .render(Request.of(chart).build());
  }

  private String oci(String reference) {
    return "oci://" + registry.host() + "/charts/shop" + reference;
  }

  @Test
  void chartPulledByTagOrDigestRendersLikeItsDirectory() {
    RenderedChart fromDir = render("shop");
    assertEquals(fromDir.resources(), render(oci(":0.1.0")).resources());
    assertEquals(fromDir.resources(), render(oci("@" + manifestDigest)).resources());
  }

  /**
   * A chart archive as a hostile registry could serve it: entries given as (name, size in bytes of
   * zeros).
   */
  private static byte[] archive(Object... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      byte[] chart =
          "apiVersion: v2\nname: bomb\nversion: 0.1.0\n".getBytes(StandardCharsets.UTF_8);
      var meta = new TarArchiveEntry("bomb/Chart.yaml");
      meta.setSize(chart.length);
      tar.putArchiveEntry(meta);
      tar.write(chart);
      tar.closeArchiveEntry();
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < entries.length; i += 2) {
        var entry = new TarArchiveEntry((String) entries[i], true);
        long size = (Long) entries[i + 1];
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        for (long left = size; left > 0; left -= zeros.length) {
          tar.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void aChartArchiveOverTheCompressedLimitIsRefusedBeforeItIsDownloaded() {
    byte[] noise = new byte[21 << 20];
    new Random(7).nextBytes(noise);
    registry.putChart("charts/huge", "1.0.0", noise);
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> render("oci://" + registry.host() + "/charts/huge:1.0.0"));
    assertTrue(e.isNonRetryable());
    assertTrue(
        e.getOriginalMessage().contains("over converge's limit of 20971520 bytes (20 MiB)"),
        e.getOriginalMessage());
  }

  @Test
  void aGigabyteFromAMegabyteAndEntriesOutsideTheChartAreCleanFailuresNamingWhy()
      throws IOException {
    byte[] bomb = archive("bomb/templates/zeros.yaml", 1L << 30);
    assertTrue(bomb.length < 2 << 20, "compressed " + bomb.length);
    registry.putChart("charts/bomb", "0.1.0", bomb);
    ApplicationFailure big =
        assertThrows(
            ApplicationFailure.class,
            () -> render("oci://" + registry.host() + "/charts/bomb:0.1.0"));
    assertTrue(big.isNonRetryable());
    assertTrue(
        big.getOriginalMessage()
            .contains("decompressed chart is larger than the maximum file size 104857600"),
        big.getOriginalMessage());

    registry.putChart("charts/climb", "0.1.0", archive("bomb/../../etc/cron.d/x", 10L));
    ApplicationFailure climb =
        assertThrows(
            ApplicationFailure.class,
            () -> render("oci://" + registry.host() + "/charts/climb:0.1.0"));
    assertTrue(climb.getOriginalMessage().contains("illegally"), climb.getOriginalMessage());

    registry.putChart("charts/absolute", "0.1.0", archive("bomb//etc/passwd", 10L));
    ApplicationFailure absolute =
        assertThrows(
            ApplicationFailure.class,
            () -> render("oci://" + registry.host() + "/charts/absolute:0.1.0"));
    assertTrue(absolute.getOriginalMessage().contains("illegally"), absolute.getOriginalMessage());
  }

  @Test
  void unknownTagFailsForGoodNamingTheReference() {
    ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> render(oci(":9.9.9")));
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains(oci(":9.9.9")), e.getOriginalMessage());
  }
}
