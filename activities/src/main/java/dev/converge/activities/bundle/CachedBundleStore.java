package dev.converge.activities.bundle;

/**
 * A shared store (every worker reaches it) with this worker's disk as a cache: a bundle rendered on
 * another host is fetched once, then read locally. The cache may be pruned at will.
 */
public final class CachedBundleStore implements BundleStore {
  private final BundleStore shared;
  private final FileBundleStore cache;

  public CachedBundleStore(BundleStore shared, FileBundleStore cache) {
    this.shared = shared;
    this.cache = cache;
  }

  @Override
  public String put(Bundle bundle) {
    String digest = shared.put(bundle);
    cache.put(bundle);
    return digest;
  }

  @Override
  public Bundle get(String digest) {
    try {
      return cache.get(digest);
    } catch (BundleMissingException notCached) {
      Bundle bundle = shared.get(digest);
      cache.put(bundle);
      return bundle;
    }
  }
}
