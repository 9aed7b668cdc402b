package dev.converge.activities.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few bundles this worker read, kept in memory in front of a store: every step of a
 * converge reads its bundle, and a big chart's (megabytes of CRDs) costs a decryption, a
 * decompression and a parse per read. Bundles are named by digest and never change, so a kept one
 * is never stale. (The disk cache is pruned only when the worker starts, so skipping its reads
 * never lets it prune a bundle in use.)
 */
public final class RecentManifests implements ManifestStore {
  static final int KEPT = 4;
  private final ManifestStore store;
  private final Map<String, RenderedRelease> recent =
      new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RenderedRelease> eldest) {
          return size() > KEPT;
        }
      };

  public RecentManifests(ManifestStore store) {
    this.store = store;
  }

  /** Not kept: what a read returns is always what the store gives back, never the writer's copy. */
  @Override
  public String put(RenderedRelease bundle) {
    return store.put(bundle);
  }

  @Override
  public RenderedRelease get(String digest) {
    synchronized (recent) {
      RenderedRelease kept = recent.get(digest);
      if (kept != null) {
        return kept;
      }
    }
    RenderedRelease bundle = store.get(digest);
    synchronized (recent) {
      recent.put(digest, bundle);
    }
    return bundle;
  }
}
