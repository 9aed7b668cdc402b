package dev.converge.activities.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.converge.activities.bundle.Bundle;
import dev.converge.activities.bundle.BundleStore.BundleMissingException;
import dev.converge.activities.bundle.CachedBundleStore;
import dev.converge.activities.bundle.FileBundleStore;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two workers with their own empty caches share bundles through a registry. */
class OciBundleStoreTest {
  @TempDir Path work;
  private FakeRegistry registry;
  private Registries registries;

  @BeforeEach
  void start() throws IOException {
    registry = new FakeRegistry(null);
    registries = registry.registries();
  }

  @AfterEach
  void stop() {
    registries.close();
    registry.close();
  }

  private CachedBundleStore worker(String name) {
    return new CachedBundleStore(new OciBundleStore(registries, "oci://" + registry.host() + "/converge/bundles", work),
        new FileBundleStore(work.resolve(name)));
  }

  private static Bundle bundle(String manifest) {
    return new Bundle(new ChartInfo("shop", "1.0.0", "1.0"), Map.of("name", "shop"), Map.of("replicas", 2),
        manifest, "", List.of(), Map.of());
  }

  @Test
  void aBundleRenderedOnOneWorkerIsReadOnAnotherWithTheSameDigest() {
    String digest = worker("a").put(bundle("kind: ConfigMap"));
    Bundle read = worker("b").get(digest);
    assertEquals("kind: ConfigMap", read.manifest());
    assertEquals(digest, new FileBundleStore(work.resolve("b")).put(read), "the cache holds the same bytes");
    int writes = registry.writes.get();
    assertEquals(digest, worker("c").put(bundle("kind: ConfigMap")));
    assertEquals(writes, registry.writes.get(), "storing it again writes nothing");
  }

  @Test
  void anUnknownDigestIsMissingNotAnError() {
    assertThrows(BundleMissingException.class, () -> worker("a").get("sha256:" + "0".repeat(64)));
  }
}
