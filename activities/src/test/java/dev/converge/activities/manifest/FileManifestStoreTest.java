package dev.converge.activities.manifest;

import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.codec.AesGcmPayloadCodec;
import dev.converge.workflows.codec.Sealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileManifestStoreTest {
  @TempDir Path dir;

  @Test
  void storesByContentDigestAndReadsBack() {
    FileManifestStore store = new FileManifestStore(dir);
    String digest = store.put(bundle("a"));

    assertEquals(digest, store.put(bundle("a")), "same content, same digest");
    assertNotEquals(digest, store.put(bundle("b")));
    assertEquals("a", store.get(digest).notes());
    assertEquals(
        digest, new InMemoryManifestStore().put(bundle("a")), "both stores name content alike");
  }

  @Test
  void withACodecKeyTheFileHoldsNoPlaintext() throws Exception {
    var codec = new AesGcmPayloadCodec(Map.of("k1", new byte[32]), "k1");
    FileManifestStore store = new FileManifestStore(dir, codec);
    String digest = store.put(bundle("API_KEY: prod-key-42"));
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(Sealer.isSealed(bytes), file + " is sealed");
      }
    }
    assertEquals("API_KEY: prod-key-42", store.get(digest).notes());
  }

  @Test
  void missingBundleIsNamed() {
    ManifestStore.BundleMissingException e =
        assertThrows(
            ManifestStore.BundleMissingException.class,
            () -> new FileManifestStore(dir).get("sha256:" + "0".repeat(64)));

    assertTrue(e.getMessage().contains("sha256:000"));
  }

  @Test
  void pruneDeletesOnlyBundlesOlderThanTheRetention() throws Exception {
    FileManifestStore store = new FileManifestStore(dir);
    String old = store.put(bundle("old"));
    String fresh = store.put(bundle("fresh"));
    Path oldFile = dir.resolve(old.substring("sha256:".length()) + ".json.gz");
    Files.setLastModifiedTime(oldFile, FileTime.from(Instant.now().minus(Duration.ofDays(8))));

    assertEquals(1, store.prune(Duration.ofDays(7)));

    assertFalse(Files.exists(oldFile));
    assertEquals("fresh", store.get(fresh).notes());
  }

  private static RenderedRelease bundle(String notes) {
    return new RenderedRelease(
        new ChartInfo("c", "1", "1"), Map.of(), Map.of(), "", notes, List.of());
  }
}
