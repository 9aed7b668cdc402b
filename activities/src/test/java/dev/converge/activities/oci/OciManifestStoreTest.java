package dev.converge.activities.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.converge.activities.manifest.CachedManifestStore;
import dev.converge.activities.manifest.FileManifestStore;
import dev.converge.activities.manifest.ManifestStore.BundleMissingException;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.registry.Registries;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.codec.AesGcmPayloadCodec;
import dev.converge.workflows.codec.Sealer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two workers with their own empty caches share bundles through a registry. */
class OciManifestStoreTest {
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

  private CachedManifestStore worker(String name) {
    return new CachedManifestStore(
        new OciManifestStore(registries, "oci://" + registry.host() + "/converge/bundles", work),
        new FileManifestStore(work.resolve(name)));
  }

  private static RenderedRelease bundle(String manifest) {
    return new RenderedRelease(
        new ChartInfo("shop", "1.0.0", "1.0"),
        Map.of("name", "shop"),
        Map.of("replicas", 2),
        manifest,
        "",
        List.of(),
        Map.of());
  }

  @Test
  void aBundleRenderedOnOneWorkerIsReadOnAnotherWithTheSameDigest() {
    String digest = worker("a").put(bundle("kind: ConfigMap"));
    RenderedRelease read = worker("b").get(digest);
    assertEquals("kind: ConfigMap", read.manifest());
    assertEquals(
        digest,
        new FileManifestStore(work.resolve("b")).put(read),
        "the cache holds the same bytes");
    int writes = registry.writes.get();
    assertEquals(digest, worker("c").put(bundle("kind: ConfigMap")));
    assertEquals(writes, registry.writes.get(), "storing it again writes nothing");
  }

  private static AesGcmPayloadCodec keys(String active, String... ids) {
    Map<String, byte[]> keys = new HashMap<>();
    for (String id : ids) {
      keys.put(id, Arrays.copyOf(id.getBytes(StandardCharsets.UTF_8), 32));
    }
    return new AesGcmPayloadCodec(keys, active);
  }

  private OciManifestStore sealed(Sealer sealer) {
    return new OciManifestStore(
        registries, "oci://" + registry.host() + "/converge/bundles", work, sealer);
  }

  /** What anyone who lists the repository's tags can read: no rendered Secret, no value. */
  @Test
  void withACodecKeyTheRegistryHoldsNoPlaintextAndAfterARotationOldBundlesStillRead()
      throws Exception {
    RenderedRelease secret =
        new RenderedRelease(
            new ChartInfo("shop", "1.0.0", "1.0"),
            Map.of("name", "shop"),
            Map.of("apiKey", "prod-key-42"),
            "kind: Secret\nstringData:\n  API_KEY: prod-key-42",
            "",
            List.of(),
            Map.of());
    String digest = sealed(keys("k1", "k1")).put(secret);
    for (byte[] blob : registry.blobs.values()) {
      String text = new String(blob, StandardCharsets.ISO_8859_1);
      assertEquals(false, text.contains("prod-key-42"), "plaintext in a registry blob");
      try (var in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
        assertEquals(
            false, new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("prod-key-42"));
      } catch (ZipException notGzip) {
        // sealed: not even a gzip stream
      }
    }
    assertEquals(
        "prod-key-42",
        sealed(keys("k2", "k1", "k2")).get(digest).config().get("apiKey"),
        "old key still reads");
    IllegalStateException noKey =
        assertThrows(IllegalStateException.class, () -> sealed(Sealer.NONE).get(digest));
    assertEquals(true, noKey.getMessage().contains("'k1'"), noKey.getMessage());
    IllegalStateException otherKey =
        assertThrows(IllegalStateException.class, () -> sealed(keys("k2", "k2")).get(digest));
    assertEquals(true, otherKey.getMessage().contains("'k1'"), otherKey.getMessage());
  }

  @Test
  void aBundleStoredBeforeEncryptionWasOnStillReads() {
    String digest = sealed(Sealer.NONE).put(bundle("kind: ConfigMap"));
    assertEquals("kind: ConfigMap", sealed(keys("k1", "k1")).get(digest).manifest());
  }

  @Test
  void anUnknownDigestIsMissingNotAnError() {
    assertThrows(BundleMissingException.class, () -> worker("a").get("sha256:" + "0".repeat(64)));
  }
}
