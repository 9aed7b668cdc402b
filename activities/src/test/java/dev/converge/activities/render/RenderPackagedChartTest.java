package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marcnuri.helm.Helm;
import dev.converge.activities.manifest.FileManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.render.RenderFixtures.Request;
import dev.converge.workflows.activities.RenderedChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same input, same result: whatever form the chart takes, however often and however parallel. */
class RenderPackagedChartTest {
  @TempDir Path dir;

  private RenderedChart render(FileManifestStore store, String chart) {
    return render(store, chart, SHOP.getParent());
  }

  private RenderedChart render(FileManifestStore store, String chart, Path chartsDir) {
    return new RenderActivitiesImpl(store, chartsDir, dir, null, null)
        .render(
            Request.of(chart).valuesFiles("shop/values-prod.yaml").set("web.replicas=3").build());
  }

  @Test
  void packagedChartRendersTheSameObjectsAsItsDirectory() throws Exception {
    Path packages = Files.createDirectories(dir.resolve("packages"));
    new Helm(SHOP).packageIt().withDestination(packages).call();
    Path tgz = packages.resolve("shop-0.1.0.tgz");
    FileManifestStore store = new FileManifestStore(dir.resolve("bundles"));

    // The archive must sit inside the charts directory like any chart: a copy of examples/shop.
    Path charts = dir.resolve("charts");
    try (var files = Files.walk(SHOP)) {
      for (Path file : files.toList()) {
        Path target = charts.resolve("shop").resolve(SHOP.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Files.copy(tgz, charts.resolve("shop-0.1.0.tgz"));

    RenderedChart fromDir = render(store, "shop");
    RenderedChart fromTgz = render(store, "shop-0.1.0.tgz", charts);

    assertEquals(fromDir.resources(), fromTgz.resources());
    RenderedRelease dirBundle = store.get(fromDir.bundleDigest());
    RenderedRelease tgzBundle = store.get(fromTgz.bundleDigest());
    assertEquals(dirBundle.objects(), tgzBundle.objects());
    assertEquals(dirBundle.manifest(), tgzBundle.manifest());
    assertEquals(fromDir.chart(), fromTgz.chart());
    assertEquals(fromDir.manifestDigest(), fromTgz.manifestDigest());
    // Not the bundle digest: helm package rewrites Chart.yaml (adds repository: ""), so
    // chartMetadata differs.
  }

  @Test
  void digestsAreStableAcrossRenders() {
    FileManifestStore store = new FileManifestStore(dir.resolve("bundles"));
    RenderedChart first = render(store, "shop");
    RenderedChart second = render(store, "shop");
    assertEquals(first, second);
  }

  @Test
  void concurrentRendersDoNotDisturbEachOther() throws Exception {
    FileManifestStore store = new FileManifestStore(dir.resolve("bundles"));
    String expected = render(store, "shop").bundleDigest();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<RenderedChart>> results =
          pool.invokeAll(
              List.of(
                  () -> render(store, "shop"),
                  () -> render(store, "shop"),
                  () -> render(store, "shop"),
                  () -> render(store, "shop")));
      for (Future<RenderedChart> result : results) {
        assertEquals(expected, result.get().bundleDigest());
      }
    } finally {
      pool.shutdownNow();
    }
    try (var left = Files.list(dir)) {
      assertEquals(
          List.of("bundles"),
          left.map(p -> p.getFileName().toString()).sorted().toList(),
          "every render removed its working copy");
    }
  }
}
