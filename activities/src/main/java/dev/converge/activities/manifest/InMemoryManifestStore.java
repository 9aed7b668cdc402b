package dev.converge.activities.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.registry.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** For tests: same digests as {@link FileManifestStore}, kept in memory. */
public final class InMemoryManifestStore implements ManifestStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private final Map<String, RenderedRelease> bundles = new ConcurrentHashMap<>();

  @Override
  public String put(RenderedRelease bundle) {
    try {
      String digest = Digests.sha256(JSON.writeValueAsBytes(bundle));
      bundles.putIfAbsent(digest, bundle);
      return digest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public RenderedRelease get(String digest) {
    RenderedRelease bundle = bundles.get(digest);
    if (bundle == null) {
      throw new BundleMissingException(digest);
    }
    return bundle;
  }
}
