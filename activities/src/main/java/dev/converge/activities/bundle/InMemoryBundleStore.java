package dev.converge.activities.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.registry.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** For tests: same digests as {@link FileBundleStore}, kept in memory. */
public final class InMemoryBundleStore implements BundleStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private final Map<String, Bundle> bundles = new ConcurrentHashMap<>();

  @Override
  public String put(Bundle bundle) {
    try {
      String digest = Digests.sha256(JSON.writeValueAsBytes(bundle));
      bundles.putIfAbsent(digest, bundle);
      return digest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Bundle get(String digest) {
    Bundle bundle = bundles.get(digest);
    if (bundle == null) {
      throw new BundleMissingException(digest);
    }
    return bundle;
  }
}
