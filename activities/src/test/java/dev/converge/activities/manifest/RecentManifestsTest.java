package dev.converge.activities.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentManifestsTest {
  /** Counts reads; holds bundles by a made-up digest. */
  private static final class Counting implements ManifestStore {
    final Map<String, RenderedRelease> bundles = new HashMap<>();
    int reads;

    @Override
    public String put(RenderedRelease bundle) {
      String digest = "sha256:" + bundle.manifest();
      bundles.put(digest, bundle);
      return digest;
    }

    @Override
    public RenderedRelease get(String digest) {
      reads++;
      RenderedRelease bundle = bundles.get(digest);
      if (bundle == null) {
        throw new BundleMissingException(digest);
      }
      // A copy, as a store that parses its bytes gives.
      return new RenderedRelease(
          bundle.chart(),
          bundle.chartMetadata(),
          bundle.config(),
          bundle.manifest(),
          bundle.notes(),
          bundle.objects(),
          bundle.helmChart());
    }
  }

  private static RenderedRelease bundle(String manifest) {
    return new RenderedRelease(
        new ChartInfo("shop", "1.0.0", "1.0"),
        Map.of(),
        Map.of(),
        manifest,
        "",
        List.of(),
        Map.of());
  }

  @Test
  void aBundleIsReadFromTheStoreOnceThenFromMemory() {
    Counting store = new Counting();
    RecentManifests recent = new RecentManifests(store);
    String digest = recent.put(bundle("a"));

    RenderedRelease first = recent.get(digest);
    RenderedRelease second = recent.get(digest);

    assertEquals(1, store.reads);
    assertSame(first, second);
  }

  @Test
  void onlyTheLastFewAreKeptAndAMissingOneStaysMissing() {
    Counting store = new Counting();
    RecentManifests recent = new RecentManifests(store);
    for (int i = 0; i <= RecentManifests.KEPT; i++) {
      recent.get(recent.put(bundle("b" + i)));
    }
    int reads = store.reads;

    recent.get("sha256:b" + RecentManifests.KEPT);
    assertEquals(reads, store.reads, "the newest is kept");
    recent.get("sha256:b0");
    assertEquals(reads + 1, store.reads, "the oldest was let go");
    assertThrows(ManifestStore.BundleMissingException.class, () -> recent.get("sha256:none"));
  }
}
