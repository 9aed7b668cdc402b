package dev.converge.registry;

import dev.converge.workflows.codec.OffloadingCodec;
import dev.converge.workflows.model.OciReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Large Temporal payloads (claim checks of {@link OffloadingCodec}) in the registry, tagged {@code
 * payload-<hex>}; a small in-memory cache serves the replays that read them again. Never deleted by
 * converge: history refers to them for as long as it is kept.
 */
public final class OciBlobStore implements OffloadingCodec.BlobStore {
  static final String LAYER = "application/vnd.converge.payload.v1";
  private static final long CACHE_BYTES = 64L << 20;
  private final Registries registries;
  private final OciReference repository;
  private final Path workDir;
  private final Map<String, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long cached;

  /**
   * @param repository {@code oci://host/repository}
   */
  public OciBlobStore(Registries registries, String repository, Path workDir) {
    this.registries = registries;
    this.repository = OciReference.parseRepository(repository, false);
    this.workDir = workDir;
  }

  @Override
  public String put(byte[] bytes) {
    String digest = Digests.sha256(bytes);
    OciReference tag = tag(digest);
    try {
      OciArtifacts.put(registries.registry(tag), Registries.containerRef(tag), bytes, LAYER, LAYER);
    } catch (RuntimeException e) {
      throw RegistryFailures.of("store a payload in", tag, e);
    }
    remember(digest, bytes);
    return digest;
  }

  @Override
  public byte[] get(String digest) {
    synchronized (cache) {
      byte[] hit = cache.get(digest);
      if (hit != null) {
        return hit;
      }
    }
    OciReference tag = tag(digest);
    byte[] bytes;
    try {
      bytes =
          OciArtifacts.get(registries.registry(tag), Registries.containerRef(tag), workDir)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "payload " + digest + " is missing from " + repository));
    } catch (IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RegistryFailures.of("read a payload from", tag, e);
    }
    remember(digest, bytes);
    return bytes;
  }

  private OciReference tag(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a payload digest: " + digest);
    }
    return repository.withTag("payload-" + digest.substring("sha256:".length()));
  }

  private void remember(String digest, byte[] bytes) {
    synchronized (cache) {
      if (cache.put(digest, bytes) == null) {
        cached += bytes.length;
      }
      var it = cache.entrySet().iterator();
      while (cached > CACHE_BYTES && it.hasNext()) {
        cached -= it.next().getValue().length;
        it.remove();
      }
    }
  }
}
