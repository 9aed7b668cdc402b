package dev.converge.activities.manifest;

/**
 * A shared store (every worker reaches it) with this worker's disk as a cache: a bundle rendered on
 * another host is fetched once, then read locally. The cache may be pruned at will.
 */
public final class CachedManifestStore implements ManifestStore {
  private final ManifestStore shared;
  private final FileManifestStore cache;

  public CachedManifestStore(ManifestStore shared, FileManifestStore cache) {
    this.shared = shared;
    this.cache = cache;
  }

  @Override
  public String put(RenderedRelease bundle) {
    String digest = shared.put(bundle);
    cache.put(bundle);
    return digest;
  }

  @Override
  public RenderedRelease get(String digest) {
    try {
      return cache.get(digest);
    } catch (BundleMissingException notCached) {
      RenderedRelease bundle = shared.get(digest);
      cache.put(bundle);
      return bundle;
    }
  }
}
